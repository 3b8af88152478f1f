import { CofferApiError } from './errors';
import { parseEvent, type ValidEvent } from './event-message';
import type { createLinkOverlay } from './link-overlay';
import { createSseParser } from './sse';
import type { Transport } from './transport';

export interface HttpTransportOptions {
  token: string | null;
  overlay: ReturnType<typeof createLinkOverlay>;
  fetch?: typeof fetch;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function transportError(message: string): CofferApiError {
  return new CofferApiError({ code: 'TRANSPORT', message, plaid: null });
}

const NO_TOKEN =
  'This page has no access token. Open the address printed by `coffer serve` (the one ending in #token=…).';

/** The browser host: `POST /api/<name>` with a bearer token, events as a fetch-read text/event-stream. */
export function httpTransport(options: HttpTransportOptions): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers: Record<string, string> = options.token ? { Authorization: `Bearer ${options.token}` } : {};
  const stop = new AbortController();
  // Lanes are per window: another tab's search must not drop this one's.
  const windowId = globalThis.crypto.randomUUID();

  function handle(event: ValidEvent, emit: (event: ValidEvent) => void): void {
    if (event.name === 'link.present') options.overlay.present(event.payload);
    else if (event.name === 'link.closed') options.overlay.close(event.payload);
    else emit(event);
  }

  async function readStream(emit: (event: ValidEvent) => void): Promise<void> {
    let delay = FIRST_RETRY_MS;
    let connectedBefore = false;
    while (!stop.signal.aborted) {
      try {
        const response = await doFetch('/api/events', {
          headers: { ...headers, Accept: 'text/event-stream' },
          cache: 'no-store',
          signal: stop.signal,
        });
        if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
        // Events sent while disconnected are lost: have the lists reload to catch up.
        if (connectedBefore)
          emit({ name: 'ledger.changed', payload: { reason: 'event stream reconnected' } });
        connectedBefore = true;
        delay = FIRST_RETRY_MS;
        const parser = createSseParser();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const message of parser.push(value)) {
            let payload: unknown;
            try {
              payload = JSON.parse(message.data);
            } catch {
              continue;
            }
            const event = parseEvent(message.event, payload);
            if (event) handle(event, emit);
          }
        }
        if (parser.retry !== null) delay = parser.retry;
      } catch (error) {
        if (stop.signal.aborted) return;
        console.warn('event stream interrupted', error);
      }
      await sleep(delay + Math.random() * delay * 0.2, stop.signal);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  return {
    async call(name, req, lane) {
      let response: Response;
      try {
        response = await doFetch(`/api/${name}`, {
          method: 'POST',
          headers: {
            ...headers,
            'Content-Type': 'application/json',
            ...(lane ? { 'X-Coffer-Lane': `${windowId}/${lane}` } : {}),
          },
          body: JSON.stringify(req ?? {}),
          cache: 'no-store',
        });
      } catch {
        throw transportError("Coffer's local server cannot be reached. Is `coffer serve` still running?");
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        if (response.status === 401 || response.status === 403) {
          throw transportError(options.token ? 'The local server refused this page (403).' : NO_TOKEN);
        }
        throw transportError(
          `The local server answered ${response.status} without a reply Coffer understands.`,
        );
      }
      return body;
    },
    listen(emit) {
      void readStream(emit);
    },
    close() {
      stop.abort();
    },
  };
}
