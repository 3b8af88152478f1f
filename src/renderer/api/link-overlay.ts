import type { EventPayload } from '../../shared/events';

export const LINK_OVERLAY_ID = 'link-overlay';
const SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups';

/**
 * Browser host only: the core asks for Link with a `link.present` event naming a same-origin page
 * (src/renderer/link/), shown over the whole window until `link.closed`.
 */
export function createLinkOverlay(doc: Document) {
  let current: { sessionId: string; frame: HTMLIFrameElement } | null = null;

  function remove(): void {
    current?.frame.remove();
    current = null;
  }

  return {
    present({ sessionId, url }: EventPayload<'link.present'>): void {
      const target = new URL(url, doc.location.href);
      // The event stream is authenticated, but a page from elsewhere must never be framed as Link.
      if (target.origin !== doc.location.origin) {
        console.error('refusing to present Link from another origin', target.origin);
        return;
      }
      remove();
      const frame = doc.createElement('iframe');
      frame.id = LINK_OVERLAY_ID;
      frame.title = 'Plaid Link';
      frame.setAttribute('sandbox', SANDBOX);
      frame.src = target.href;
      doc.body.appendChild(frame);
      current = { sessionId, frame };
    },
    close({ sessionId }: EventPayload<'link.closed'>): void {
      if (current?.sessionId === sessionId) remove();
    },
  };
}
