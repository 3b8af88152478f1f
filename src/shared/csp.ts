/**
 * Content-Security-Policy strings for the app page and the Link page. Shared so that the
 * Electron protocol handler and the browser host send exactly the same policies.
 */

const BASE = ["object-src 'none'", "base-uri 'none'", "form-action 'none'"];

/** The React app talks to main over IPC (or same-origin fetch in the host): it needs nothing from elsewhere. */
export function appCsp(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'none'",
    ...BASE,
  ].join('; ');
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A Link origin must be exactly an origin (no path, no wildcard, nothing that could smuggle another
 * directive): https anywhere, or plain http only on loopback (the demo simulator).
 */
export function isCspOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (`${url.protocol}//${url.host}` !== origin) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * The Link page loads Plaid's link-initialize.js (or the simulator's stand-in), which frames Link's
 * UI and talks to Plaid: exactly those origins join script-src, frame-src and connect-src.
 * style-src allows inline styles because the Link loader styles its overlay iframe; styles cannot run script.
 */
export function linkCsp(linkOrigins: readonly string[]): string {
  const bad = linkOrigins.filter((o) => !isCspOrigin(o));
  if (bad.length > 0 || linkOrigins.length === 0) {
    throw new RangeError(
      `Link origins must be https (or loopback http) origins: ${JSON.stringify(linkOrigins)}`,
    );
  }
  const origins = [...new Set(linkOrigins)].join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' ${origins}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${origins}`,
    `frame-src ${origins}`,
    ...BASE,
  ].join('; ');
}
