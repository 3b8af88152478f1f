/**
 * The browser host's Content-Security-Policy choices. The policies themselves live in
 * src/shared/csp.ts (Electron sends the same ones); the host differs in one directive only:
 * its app page frames the Link page as a same-origin overlay, where Electron opens a window.
 */
import { appCsp, linkCsp } from '../../shared/csp';

function withDirective(policy: string, name: string, value: string): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .map((d) => (d.split(/\s+/)[0] === name ? `${name} ${value}` : d))
    .join('; ');
}

export function hostAppCsp(): string {
  return withDirective(appCsp(), 'frame-src', "'self'");
}

/** The Link page gets the current Link session's origins; without a live session it gets nothing extra. */
export function hostLinkPageCsp(linkOrigins: readonly string[]): string {
  try {
    return linkCsp(linkOrigins);
  } catch {
    return hostAppCsp();
  }
}
