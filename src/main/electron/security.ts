/**
 * Every security decision of the Electron shell as a pure function, so it is unit-tested in
 * plain Node (the Electron binary is not available everywhere the tests run). The wiring in
 * hardening.ts, ipc.ts and link-window.ts only applies these answers.
 */
import { isAbsolute, normalize, resolve, sep } from 'node:path';
import { appCsp, linkCsp } from '../../shared/csp';

export { appCsp, linkCsp };

export const APP_SCHEME = 'app';
export const APP_HOST = 'coffer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const WEB_SCHEMES = new Set([`${APP_SCHEME}:`, 'http:', 'https:']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * scheme://host[:port] for app, http and https URLs; null for anything else. Node's URL gives
 * 'null' as the origin of custom schemes, so the origin is built by hand.
 */
export function originOf(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || !WEB_SCHEMES.has(parsed.protocol) || !parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** A top-level navigation may only stay inside the app (credentials in a URL are never legitimate here). */
export function isAllowedNavigation(url: string, appOrigins: string | readonly string[]): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.username || parsed.password) return false;
  const origin = originOf(url);
  const allowed = typeof appOrigins === 'string' ? [appOrigins] : appOrigins;
  return origin !== null && allowed.includes(origin);
}

/** An OAuth pop-up walks through the bank's and Plaid's sites, but only over https. */
export function isAllowedPopupNavigation(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === 'https:' && !parsed.username && !parsed.password;
}

/**
 * 'app': the main window, 'link': the Plaid Link window, 'oauth-popup': the one child window Link
 * opens for OAuth banks.
 */
export type WindowKind = 'app' | 'link' | 'oauth-popup';

/**
 * Only Link may open a window, and only an https one: Plaid opens OAuth banks in a pop-up from
 * its iframe and needs `window.opener` to come back (plaid-api.md §2.7). Everything else is denied.
 */
export function windowOpenDecision(url: string, kind: WindowKind): 'allow' | 'deny' {
  if (kind !== 'link') return 'deny';
  return isAllowedPopupNavigation(url) ? 'allow' : 'deny';
}

/** No window of Coffer needs camera, notifications, geolocation, clipboard or anything else. */
export function permissionDecision(): false {
  return false;
}

/**
 * Where the app's own links point (Plaid's docs, dashboard and consumer portal). A link the app did
 * not make, e.g. one a compromised page builds, is not handed to the OS even over https.
 */
export const EXTERNAL_LINK_ORIGINS: readonly string[] = [
  'https://plaid.com',
  'https://dashboard.plaid.com',
  'https://support.plaid.com',
  'https://my.plaid.com',
];

/** Hand only https links to the app's own destinations to the OS; returns whether it did. */
export function safeOpenExternal(
  url: string,
  open: (url: string) => Promise<void>,
  allowedOrigins: readonly string[] = EXTERNAL_LINK_ORIGINS,
): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  if (!allowedOrigins.includes(parsed.origin)) return false;
  void open(parsed.href);
  return true;
}

/**
 * Maps an app:// URL to a file under root, or null. Rejects other hosts, `..` and `.` segments
 * (plain or percent-encoded), encoded slashes and backslashes, NUL, drive letters and anything
 * that would resolve outside root. A directory path serves its index.html.
 */
export function resolveAppPath(root: string, url: string): string | null {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (parsed.username || parsed.password) return null;
  const rawSegments = parsed.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..') return null;
    if (/[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0 || segments[segments.length - 1] === '') {
    if (segments.length > 0) segments.pop();
    segments.push('index.html');
  }
  if (segments.some((s) => s === '')) return null;
  const base = resolve(root);
  const relative = normalize(segments.join(sep));
  if (isAbsolute(relative)) return null;
  const full = resolve(base, relative);
  return full.startsWith(base + sep) ? full : null;
}

/** The part of Electron's WebFrameMain the sender check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly detached?: boolean;
  isDestroyed?(): boolean;
}

/** Why a frame may not call the API, or null when it may. */
export function senderRejection(
  frame: SenderFrameLike | null | undefined,
  appOrigins: readonly string[],
): string | null {
  if (!frame) return 'the sender frame is gone (navigated or destroyed)';
  if (frame.detached || frame.isDestroyed?.()) return 'the sender frame is detached';
  if (frame.parent !== null) return 'the sender is a subframe, not the main frame of a Coffer window';
  const parsed = parse(frame.url);
  if (!parsed || parsed.username || parsed.password) return `the sender URL is not an app URL`;
  const origin = originOf(frame.url);
  if (origin === null || !appOrigins.includes(origin)) {
    return `the sender origin ${origin ?? parsed.protocol} is not the app's (${appOrigins.join(', ')})`;
  }
  return null;
}

export function isTrustedSender(
  frame: SenderFrameLike | null | undefined,
  appOrigins: readonly string[],
): boolean {
  return senderRejection(frame, appOrigins) === null;
}

export { mimeType } from '../services/mime';
