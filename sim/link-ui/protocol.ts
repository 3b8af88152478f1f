/**
 * Messages from the Link UI (an iframe on the simulator's origin) to link-initialize.js in the
 * host page. Browser code only; shared by both sides of the postMessage channel.
 */
export const MESSAGE_SOURCE = 'plaid-simulator-link';

export type LinkMetadata = Record<string, unknown>;

export interface LinkErrorObject {
  error_type: string;
  error_code: string;
  error_message: string;
  display_message: string | null;
}

export type LinkMessage =
  | { source: typeof MESSAGE_SOURCE; kind: 'event'; eventName: string; metadata: LinkMetadata }
  | { source: typeof MESSAGE_SOURCE; kind: 'success'; publicToken: string; metadata: LinkMetadata }
  | { source: typeof MESSAGE_SOURCE; kind: 'exit'; error: LinkErrorObject | null; metadata: LinkMetadata };

export function isLinkMessage(value: unknown): value is LinkMessage {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { source?: unknown; kind?: unknown };
  return v.source === MESSAGE_SOURCE && (v.kind === 'event' || v.kind === 'success' || v.kind === 'exit');
}

/** The OAuth bank's pop-up page tells the Link UI (its opener, same origin) it is done. */
export const OAUTH_MESSAGE_SOURCE = 'plaid-simulator-oauth';

export interface OAuthMessage {
  source: typeof OAUTH_MESSAGE_SOURCE;
  oauth_state_id: string;
  status: 'authorized';
}
