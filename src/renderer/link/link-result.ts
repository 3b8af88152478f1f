import type { LinkPageResult } from '../../shared/link';

/** What the page reports when link-initialize.js cannot be loaded (offline, blocked, CDN down). */
export function scriptUnavailable(script: string): LinkPageResult {
  return {
    kind: 'exit',
    error: {
      error_type: 'LINK_ERROR',
      error_code: 'LINK_SCRIPT_UNAVAILABLE',
      error_message: `could not load ${script}`,
      display_message: 'Plaid Link could not be loaded. Check your connection and try again.',
    },
    metadata: { status: null },
  };
}

/** Where the result goes: the Electron link preload when present, else the browser host's endpoint. */
export function resultEndpoint(session: string): string {
  return `/link/${encodeURIComponent(session)}/result`;
}
