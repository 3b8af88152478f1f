/**
 * The relay's HTTP surface, on web-standard Request/Response through hono:
 *
 *   POST /hooks/:deviceId            Plaid → relay (verified, stored, then 200)
 *   GET  /devices/:deviceId/events   long-poll, bearer device secret (see protocol.ts)
 *   POST /devices/:deviceId/ack      cumulative ack
 *   GET  /healthz
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Ingestor } from './ingest';
import { shortId, type RelayLog } from './log';
import { AckRequest, EventsQuery, MAX_WAIT_SECONDS, type EventsResponse, type RelayEvent } from './protocol';
import { RateLimiter, type RateLimit } from './rate-limit';
import type { RelayStore, StoredEvent } from './store';
import type { Waiters } from './waiters';

export interface HttpLimits {
  maxBodyBytes: number;
  ingestPerDevice: RateLimit;
  pollPerDevice: RateLimit;
  perAddress: RateLimit;
}

export interface AppDeps {
  store: RelayStore;
  ingestor: Ingestor;
  waiters: Waiters;
  log: RelayLog;
  limits: HttpLimits;
  now: () => number;
  /** The client's address as the socket (or, behind a trusted proxy, X-Forwarded-For) says. */
  sourceOf: (c: Context) => string;
}

function toWire(e: StoredEvent): RelayEvent {
  return {
    seq: e.seq,
    kind: e.kind,
    received_at: new Date(e.receivedAt).toISOString(),
    jwt: e.jwt,
    body: e.body ? e.body.toString('base64') : '',
  };
}

const tooMany = (c: Context, seconds: number) => {
  c.header('Retry-After', String(seconds));
  return c.json({ error: 'rate-limited' }, 429);
};

export function createRelayApp(deps: AppDeps): Hono {
  const { store, log, limits, waiters } = deps;
  const byAddress = new RateLimiter(limits.perAddress, deps.now);
  const ingestByDevice = new RateLimiter(limits.ingestPerDevice, deps.now);
  const pollByDevice = new RateLimiter(limits.pollPerDevice, deps.now);
  const app = new Hono();

  app.use('*', async (c, next) => {
    const wait = byAddress.take(deps.sourceOf(c));
    if (wait > 0) return tooMany(c, wait);
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.get('/healthz', (c) =>
    store.healthy() ? c.json({ ok: true }) : c.json({ ok: false, error: 'storage-unavailable' }, 503),
  );

  app.post(
    '/hooks/:deviceId',
    bodyLimit({
      maxSize: limits.maxBodyBytes,
      onError: (c) => {
        log.warn('webhook refused', {
          device: shortId(c.req.param('deviceId') ?? ''),
          source: deps.sourceOf(c),
          reason: 'oversized',
          status: 413,
        });
        return c.json({ error: 'oversized' }, 413);
      },
    }),
    async (c) => {
      const deviceId = c.req.param('deviceId');
      const wait = ingestByDevice.take(deviceId);
      if (wait > 0) return tooMany(c, wait);
      const body = new Uint8Array(await c.req.arrayBuffer());
      const result = await deps.ingestor.ingest({
        deviceId,
        token: c.req.header('plaid-verification') ?? null,
        body,
        source: deps.sourceOf(c),
      });
      if (result.status === 200) return c.json({ ok: true });
      if (result.status === 503) c.header('Retry-After', String(result.retryAfter));
      return c.json({ error: result.reason }, result.status);
    },
  );

  const authorized = (c: Context, deviceId: string): boolean => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S{8,512})$/i.exec(header);
    return match !== null && store.authenticate(deviceId, match[1]);
  };

  app.get('/devices/:deviceId/events', async (c) => {
    const deviceId = c.req.param('deviceId');
    if (!authorized(c, deviceId)) {
      log.warn('poll refused', { device: shortId(deviceId), source: deps.sourceOf(c), status: 401 });
      return c.json({ error: 'unauthorized' }, 401);
    }
    const wait = pollByDevice.take(deviceId);
    if (wait > 0) return tooMany(c, wait);
    const query = EventsQuery.safeParse(c.req.query());
    if (!query.success) return c.json({ error: 'bad-query' }, 400);
    const { after, limit } = query.data;
    const last = store.lastSeq(deviceId);
    if (after > last) return c.json({ error: 'cursor-ahead', last }, 409);
    let events = store.events(deviceId, after, limit);
    const waitMs = Math.min(query.data.wait, MAX_WAIT_SECONDS) * 1000;
    if (events.length === 0 && waitMs > 0) {
      await waiters.wait(deviceId, waitMs, c.req.raw.signal);
      events = store.events(deviceId, after, limit);
    }
    const reply: EventsResponse = { events: events.map(toWire), next: events.at(-1)?.seq ?? after };
    return c.json(reply);
  });

  app.post('/devices/:deviceId/ack', async (c) => {
    const deviceId = c.req.param('deviceId');
    if (!authorized(c, deviceId)) {
      log.warn('ack refused', { device: shortId(deviceId), source: deps.sourceOf(c), status: 401 });
      return c.json({ error: 'unauthorized' }, 401);
    }
    const wait = pollByDevice.take(deviceId);
    if (wait > 0) return tooMany(c, wait);
    const parsed = AckRequest.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: 'bad-request' }, 400);
    const result = store.ack(deviceId, parsed.data.upTo);
    if (!result.ok) return c.json({ error: result.reason }, result.reason === 'beyond' ? 400 : 401);
    log.info('acked', { device: shortId(deviceId), up_to: result.acked });
    return c.json({ acked: result.acked });
  });

  app.notFound((c) => c.json({ error: 'not-found' }, 404));
  app.onError((error, c) => {
    log.error('request failed', { path: c.req.path, message: error.message });
    return c.json({ error: 'internal' }, 500);
  });
  return app;
}
