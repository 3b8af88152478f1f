/**
 * What the Electron preloads put on `window` (names and shapes), so the preloads and the
 * renderer's IPC transport agree without importing each other.
 */
import type { CallName, Envelope, PerCall } from './api';
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

/** One function per contract call, each carrying main's envelope back unchanged. */
export type CallBridge = PerCall<'bridge'>;

export interface EventBridge {
  /** Returns the unsubscribe function. The listener gets plain data, never the IPC event. */
  onEvent(listener: (event: BridgeEvent) => void): () => void;
}

/** `window.coffer` as the main window's preload builds it. */
export type CofferBridge = CallBridge & EventBridge;

/**
 * What the renderer relies on of `window.coffer` before checking it: a call may be missing (it is
 * reported as a transport error), and replies and events are unchecked (each is parsed against
 * the contract on arrival).
 */
export type UncheckedBridge = {
  [K in CallName]?: (...args: Parameters<CallBridge[K]>) => Promise<unknown>;
} & {
  onEvent(listener: (message: unknown) => void): unknown;
};

export interface CofferLinkBridge {
  report(result: LinkPageResult): Promise<Envelope<null>>;
}
