/**
 * The simulator's stand-in for Plaid's link-initialize.js: same global (`Plaid.create`), same
 * handler (`open`, `exit`, `destroy`) and same callbacks, backed by the simulator's own Link UI
 * shown in a full-window iframe from the simulator's origin.
 */
import { isLinkMessage, type LinkErrorObject, type LinkMetadata } from './protocol';

interface PlaidLinkOptions {
  token: string;
  onSuccess: (publicToken: string, metadata: LinkMetadata) => void;
  onExit?: (error: LinkErrorObject | null, metadata: LinkMetadata) => void;
  onEvent?: (eventName: string, metadata: LinkMetadata) => void;
  onLoad?: () => void;
  receivedRedirectUri?: string | null;
}

interface PlaidLinkHandler {
  open: () => void;
  exit: (options?: { force?: boolean }) => void;
  destroy: () => void;
  submit: (data: unknown) => void;
}

declare global {
  interface Window {
    Plaid: { create: (options: PlaidLinkOptions) => PlaidLinkHandler; version: string };
  }
}

const scriptOrigin = (() => {
  const script = document.currentScript;
  if (script instanceof HTMLScriptElement && script.src) return new URL(script.src).origin;
  return window.location.origin;
})();

function create(options: PlaidLinkOptions): PlaidLinkHandler {
  if (!options || typeof options.token !== 'string' || typeof options.onSuccess !== 'function') {
    throw new Error('Plaid.create needs a token and an onSuccess callback');
  }
  let frame: HTMLIFrameElement | null = null;
  let destroyed = false;
  let linkSessionId: string | null = null;

  const close = () => {
    frame?.remove();
    frame = null;
  };

  const onMessage = (event: MessageEvent) => {
    // Only the iframe we opened, on the simulator's origin, may speak for Link.
    if (!frame || event.origin !== scriptOrigin || event.source !== frame.contentWindow) return;
    const message: unknown = event.data;
    if (!isLinkMessage(message)) return;
    if (typeof message.metadata.link_session_id === 'string')
      linkSessionId = message.metadata.link_session_id;
    if (message.kind === 'event') {
      options.onEvent?.(message.eventName, message.metadata);
    } else if (message.kind === 'success') {
      close();
      options.onEvent?.('HANDOFF', { link_session_id: linkSessionId, timestamp: new Date().toISOString() });
      options.onSuccess(message.publicToken, message.metadata);
    } else {
      close();
      options.onEvent?.('EXIT', {
        link_session_id: linkSessionId,
        exit_status: message.metadata.status ?? null,
        timestamp: new Date().toISOString(),
      });
      options.onExit?.(message.error, message.metadata);
    }
  };
  window.addEventListener('message', onMessage);
  setTimeout(() => {
    if (!destroyed) options.onLoad?.();
  }, 0);

  return {
    open() {
      if (destroyed || frame) return;
      const url = new URL('/__link/ui', scriptOrigin);
      url.searchParams.set('token', options.token);
      url.searchParams.set('origin', window.location.origin);
      frame = document.createElement('iframe');
      frame.src = url.toString();
      frame.title = 'Plaid Link';
      frame.setAttribute('allow', 'clipboard-write');
      frame.style.cssText =
        'position:fixed;inset:0;width:100%;height:100%;border:0;z-index:2147483647;background:transparent;';
      document.body.appendChild(frame);
    },
    exit() {
      if (!frame) return;
      close();
      const metadata = { institution: null, status: null, link_session_id: linkSessionId, request_id: null };
      options.onEvent?.('EXIT', {
        link_session_id: linkSessionId,
        exit_status: null,
        timestamp: new Date().toISOString(),
      });
      options.onExit?.(null, metadata);
    },
    destroy() {
      close();
      destroyed = true;
      window.removeEventListener('message', onMessage);
    },
    submit() {
      // Layer only; nothing to submit in the simulator.
    },
  };
}

window.Plaid = { create, version: 'plaid-simulator' };
