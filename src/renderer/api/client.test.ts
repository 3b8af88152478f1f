import { afterEach, describe, expect, it } from 'vitest';
import { callNames } from '../../shared/api';
import type { EventName } from '../../shared/events';
import { clientOver, type CofferClient } from './client';
import { CofferApiError } from './errors';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';

const progress = {
  itemId: 'item-1',
  institutionName: 'First Platypus Bank',
  phase: 'fetching',
  pages: 2,
  added: 1000,
  modified: 0,
  removed: 0,
  error: null,
};

function sse(name: string, payload: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** A text/event-stream body delivered in awkward chunks (split mid-event), then held open. */
function streamOf(text: string, chunk = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return new Promise(() => {});
      controller.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
}

function waitFor(check: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > 2000) return reject(new Error('timed out'));
      setTimeout(tick, 5);
    };
    tick();
  });
}

let client: CofferClient | null = null;
afterEach(() => client?.close());

describe('HTTP transport', () => {
  it('posts each call with the bearer token and unwraps the envelope', async () => {
    const seen: { url: string; auth: string | null; body: unknown }[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url === '/api/events') return new Response(streamOf(''));
      seen.push({
        url,
        auth: new Headers(init?.headers).get('Authorization'),
        body: JSON.parse(String(init?.body)),
      });
      if (url === '/api/sync.run') {
        return Response.json(
          { ok: false, error: { code: 'LOCKED', message: 'busy', plaid: null } },
          { status: 200 },
        );
      }
      return Response.json({ ok: true, result: { accounts: [] } });
    };
    const overlay = { present: () => {}, close: () => {} };
    client = clientOver(httpTransport({ token: 'tok', overlay, fetch }));

    expect(Object.keys(client.api).sort()).toEqual([...callNames].sort());
    await expect(client.api['accounts.list']({})).resolves.toEqual({ accounts: [] });
    await expect(client.api['sync.run']({ itemId: null })).rejects.toEqual(
      expect.objectContaining({ name: 'CofferApiError', code: 'LOCKED', message: 'busy' }),
    );
    expect(seen[0]).toEqual({ url: '/api/accounts.list', auth: 'Bearer tok', body: {} });
  });

  it('explains a refused call when the page has no token', async () => {
    const fetch = async (input: RequestInfo | URL) =>
      String(input) === '/api/events'
        ? new Response(null, { status: 403 })
        : new Response('Forbidden', { status: 403 });
    client = clientOver(
      httpTransport({ token: null, overlay: { present: () => {}, close: () => {} }, fetch }),
    );
    const failure = client.api['app.info']({});
    await expect(failure).rejects.toBeInstanceOf(CofferApiError);
    await expect(failure).rejects.toThrow(/#token=/);
  });

  it('delivers validated events, handles Link presentation itself and drops malformed events', async () => {
    const body =
      sse('sync.progress', progress) +
      sse('link.present', { sessionId: 's1', url: '/link/index.html?session=s1' }) +
      sse('sync.progress', { itemId: 'only-this' }) +
      'event: ledger.changed\ndata: not json\n\n' +
      sse('link.closed', { sessionId: 's1' }) +
      sse('ledger.changed', { reason: 'sync' });
    const overlayCalls: string[] = [];
    const overlay = {
      present: (p: { sessionId: string }) => void overlayCalls.push(`present ${p.sessionId}`),
      close: (p: { sessionId: string }) => void overlayCalls.push(`close ${p.sessionId}`),
    };
    const fetch = async () => new Response(streamOf(body));
    client = clientOver(httpTransport({ token: 'tok', overlay, fetch }));
    const received: { name: EventName; payload: unknown }[] = [];
    client.onEvent((name, payload) => received.push({ name, payload }));

    await waitFor(() => received.length >= 2);
    expect(received).toEqual([
      { name: 'sync.progress', payload: progress },
      { name: 'ledger.changed', payload: { reason: 'sync' } },
    ]);
    expect(overlayCalls).toEqual(['present s1', 'close s1']);
  });

  it('reconnects after the stream drops and asks the lists to catch up', async () => {
    let connections = 0;
    const fetch = async () => {
      connections++;
      // The first stream ends at once (server restarted); the second stays open.
      return new Response(connections === 1 ? 'retry: 10\n\n' : streamOf(''));
    };
    client = clientOver(
      httpTransport({ token: 'tok', overlay: { present: () => {}, close: () => {} }, fetch }),
    );
    const received: string[] = [];
    client.onEvent((name) => received.push(name));
    await waitFor(() => connections === 2 && received.length === 1);
    expect(received).toEqual(['ledger.changed']);
  });
});

describe('IPC transport', () => {
  it('calls the preload function of the same name and filters events through the schemas', async () => {
    let deliver: (message: unknown) => void = () => {};
    const bridge = {
      'items.list': async (req: unknown) => ({ ok: true, result: { items: [] }, echo: req }),
      onEvent: (listener: (message: unknown) => void) => {
        deliver = listener;
        return () => {};
      },
    };
    client = clientOver(ipcTransport(bridge));
    await expect(client.api['items.list']({})).resolves.toEqual({ items: [] });
    await expect(client.api['accounts.list']({})).rejects.toThrow(/does not expose accounts.list/);

    const received: string[] = [];
    client.onEvent((name) => received.push(name));
    deliver({ name: 'link.present', payload: { sessionId: 's', url: '/x' } });
    deliver({ name: 'ledger.changed', payload: {} });
    deliver({ name: 'ledger.changed', payload: { reason: 'sync' } });
    expect(received).toEqual(['ledger.changed']);
  });
});
