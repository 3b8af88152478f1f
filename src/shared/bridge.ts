/**
 * What the Electron preloads put on `window` (names and shapes), so the preloads and the
 * renderer's IPC transport agree without importing each other.
 */
import type { CallName, CallRequest, CallResponse, Envelope } from './api';
import type { EventName } from './events';
import type { LinkPageResult } from './link';

/** `window.coffer`: one function per contract call, plus the event stream. */
export const BRIDGE_KEY = 'coffer';
/** `window.cofferLink`: the Link page's only way to report back. */
export const LINK_BRIDGE_KEY = 'cofferLink';
/** IPC channel the Link preload reports on (main checks the sender and the session). */
export const LINK_RESULT_CHANNEL = 'coffer:link-result';

export interface BridgeEvent {
  name: EventName;
  payload: unknown;
}

export type CofferBridge = {
  [K in CallName]: (req: CallRequest<K>) => Promise<Envelope<CallResponse<K>>>;
} & {
  /** Returns the unsubscribe function. The listener gets plain data, never the IPC event. */
  onEvent(listener: (event: BridgeEvent) => void): () => void;
};

export interface CofferLinkBridge {
  report(result: LinkPageResult): Promise<Envelope<null>>;
}
