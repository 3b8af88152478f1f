/** What the renderer's build wrote in (electron.vite.config.ts, `define`): package.json's version and the licences of its dependencies. */
export interface BuildInfo {
  version: string;
  licences: { name: string; version: string; licence: string }[];
}

declare const __COFFER_BUILD__: BuildInfo | undefined;

/** Null where the code runs unbuilt (unit tests). */
export function buildInfo(): BuildInfo | null {
  return typeof __COFFER_BUILD__ === 'undefined' ? null : (__COFFER_BUILD__ ?? null);
}
