/**
 * The Link stand-in's browser code lives as TypeScript in ./link-ui and is bundled with esbuild
 * on first use (once per process), so it is type-checked and linted like the rest of the code.
 */
import { fileURLToPath } from 'node:url';

export interface LinkAssets {
  initializeJs: string;
  uiJs: string;
}

let assets: Promise<LinkAssets> | null = null;

async function bundle(entry: string): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`./link-ui/${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}

export function linkAssets(): Promise<LinkAssets> {
  assets ??= Promise.all([bundle('link-initialize.ts'), bundle('link-ui.ts')]).then(
    ([initializeJs, uiJs]) => ({
      initializeJs,
      uiJs,
    }),
  );
  return assets;
}

export const LINK_UI_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Plaid Link (simulator)</title>
<style>
  :root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; }
  html, body { margin: 0; height: 100%; background: rgba(17, 24, 39, 0.55); }
  #root { display: flex; align-items: center; justify-content: center; min-height: 100%; }
  .card { position: relative; box-sizing: border-box; width: min(380px, 94vw); max-height: 94vh; overflow: auto;
    background: #fff; border-radius: 14px; padding: 28px 24px 24px; box-shadow: 0 20px 50px rgba(0,0,0,.3); }
  h1 { font-size: 1.25rem; margin: 0 0 12px; padding-right: 24px; }
  p { margin: 0 0 14px; color: #4b5563; }
  ul { list-style: none; margin: 0 0 16px; padding: 0; }
  li { margin: 0 0 8px; }
  .institutions button { display: flex; align-items: center; gap: 12px; width: 100%; padding: 12px; font: inherit;
    background: #f9fafb; border: 1px solid #e5e7eb; border-radius: 10px; cursor: pointer; text-align: left; }
  .institutions button:hover, .institutions button:focus-visible { border-color: #111827; }
  .logo { width: 28px; height: 28px; border-radius: 50%; flex: none; }
  label { display: block; font-size: .85rem; margin: 10px 0 4px; }
  input[type=text], input[type=password] { box-sizing: border-box; width: 100%; padding: 10px; font: inherit;
    border: 1px solid #d1d5db; border-radius: 8px; }
  .accounts li { display: flex; align-items: center; gap: 10px; }
  .accounts label { margin: 0; font-size: 1rem; }
  .accounts small { display: block; color: #6b7280; }
  .hint { background: #eef2ff; color: #1e3a8a; border-radius: 6px; padding: 8px 10px; margin: 0 0 12px; font-size: 13px; }
  .alert { color: #b91c1c; min-height: 1.2em; margin: 12px 0 0; }
  .alert:empty { display: none; }
  .primary { width: 100%; margin-top: 16px; padding: 12px; font: inherit; font-weight: 600; color: #fff;
    background: #111827; border: 0; border-radius: 10px; cursor: pointer; }
  .primary:disabled { opacity: .5; cursor: default; }
  .secondary { width: 100%; margin-top: 8px; padding: 10px; font: inherit; background: none; border: 1px solid #d1d5db;
    border-radius: 10px; cursor: pointer; }
  fieldset { border: 1px solid #e5e7eb; border-radius: 8px; margin: 0 0 10px; }
  fieldset label { display: inline-flex; gap: 6px; margin: 6px 16px 6px 0; font-size: 1rem; }
  .close { position: absolute; top: 10px; right: 12px; font-size: 1.4rem; line-height: 1; background: none;
    border: 0; cursor: pointer; color: #6b7280; }
</style>
</head>
<body>
<div id="root" aria-live="polite"></div>
<script src="/__link/ui.js"></script>
</body>
</html>
`;
