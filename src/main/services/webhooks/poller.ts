/**
 * Long-polls a relay for one device: GET events after the cursor (held up to 25 s by the relay),
 * hand them to the app, remember the cursor, then ack. Network trouble, a sleeping laptop or a
 * relay restart only cost a retry: each request has a deadline (so a connection that died in
 * sleep is dropped), and failures back off exponentially with full jitter. Abortable at close.
 */
import { EventsResponse, MAX_WAIT_SECONDS, type RelayEvent } from '../../../../relay/client';

export type PollerState = 'connecting' | 'polling' | 'offline' | 'unauthorized' | 'error';

export interface PollerOptions {
  baseUrl: string;
  deviceId: string;
  secret: string;
  cursor: number;
  /** Handles a batch; throwing leaves it unacknowledged, to be fetched again after a backoff. */
  handle(events: RelayEvent[]): Promise<void>;
  saveCursor(seq: number): void;
  onState?(state: PollerState, detail: string | null): void;
  waitSeconds?: number;
  backoff?: { baseMs: number; capMs: number };
  random?: () => number;
  fetch?: typeof fetch;
}

export class RelayRejected extends Error {}

/** Full jitter: anywhere from 0 to the capped exponential step, so many clients never retry in step. */
export function backoffMs(failures: number, base: number, cap: number, random: () => number): number {
  const ceiling = Math.min(cap, base * 2 ** Math.min(failures, 20));
  return Math.max(100, Math.floor(random() * ceiling));
}

export class RelayPoller {
  private readonly stopper = new AbortController();
  private loop: Promise<void> | null = null;
  private cursor: number;

  constructor(private readonly options: PollerOptions) {
    this.cursor = options.cursor;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    await this.loop;
  }

  private url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}/devices/${encodeURIComponent(this.options.deviceId)}${path}`;
  }

  private async request(path: string, init: RequestInit, timeoutMs: number): Promise<Response> {
    const doFetch = this.options.fetch ?? fetch;
    return doFetch(this.url(path), {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${this.options.secret}` },
      signal: AbortSignal.any([this.stopper.signal, AbortSignal.timeout(timeoutMs)]),
    });
  }

  private async run(): Promise<void> {
    const { baseMs, capMs } = this.options.backoff ?? { baseMs: 1000, capMs: 60_000 };
    const random = this.options.random ?? Math.random;
    const wait = Math.min(this.options.waitSeconds ?? MAX_WAIT_SECONDS, MAX_WAIT_SECONDS);
    let failures = 0;
    this.options.onState?.('connecting', null);
    while (!this.stopper.signal.aborted) {
      let pause = 0;
      const started = Date.now();
      try {
        const response = await this.request(
          `/events?after=${this.cursor}&wait=${wait}&limit=100`,
          { method: 'GET' },
          (wait + 15) * 1000,
        );
        if (response.status === 401) {
          await response.body?.cancel();
          throw new RelayRejected(
            'the relay refused the device secret (401): add the device again or fix the secret',
          );
        }
        if (response.status === 409) {
          // The relay's queue restarted below our cursor (a new relay database): start over, sync everything.
          await response.body?.cancel();
          await this.options.handle([
            { seq: 1, kind: 'resync', received_at: new Date().toISOString(), jwt: null, body: '' },
          ]);
          this.setCursor(0);
          continue;
        }
        if (response.status === 429) {
          await response.body?.cancel();
          pause = Math.min(capMs, Math.max(1, Number(response.headers.get('retry-after')) || 1) * 1000);
          this.options.onState?.('polling', 'rate limited by the relay');
        } else {
          if (!response.ok) throw new Error(`the relay answered HTTP ${response.status}`);
          const page = EventsResponse.parse(await response.json());
          this.options.onState?.('polling', null);
          failures = 0;
          if (page.events.length > 0) {
            await this.options.handle(page.events);
            this.setCursor(page.next);
            await this.ack(page.next);
          } else if (wait > 0 && Date.now() - started < 1000) {
            // An empty answer that did not wait (a relay without long-poll): do not spin.
            pause = backoffMs(1, 1000, 2000, random) + 1000;
          }
        }
      } catch (error) {
        if (this.stopper.signal.aborted) break;
        failures++;
        const message = error instanceof Error ? error.message : String(error);
        const rejected = error instanceof RelayRejected;
        this.options.onState?.(rejected ? 'unauthorized' : isNetwork(error) ? 'offline' : 'error', message);
        pause = backoffMs(failures, rejected ? baseMs * 30 : baseMs, rejected ? capMs * 5 : capMs, random);
      }
      if (pause > 0) await sleep(pause, this.stopper.signal);
    }
  }

  private setCursor(seq: number): void {
    this.cursor = seq;
    this.options.saveCursor(seq);
  }

  private async ack(upTo: number): Promise<void> {
    try {
      const response = await this.request(
        '/ack',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ upTo }) },
        15_000,
      );
      await response.body?.cancel();
    } catch {
      // Acks are cumulative: the next one covers this one; until then the relay just keeps the events.
    }
  }
}

function isNetwork(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'TimeoutError' || error.name === 'AbortError' || error.message === 'fetch failed';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
