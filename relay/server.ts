/**
 * A running relay: the store in `<dataDir>/relay.sqlite`, the key cache aimed at Plaid's
 * `/webhook_verification_key/get`, the hono app on @hono/node-server, and a housekeeping timer.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createRelayApp, type HttpLimits } from './app';
import { Ingestor } from './ingest';
import { KeyCache, plaidKeyLookup, type KeyLookup } from './keys';
import { shortId, streamLog, type RelayLog } from './log';
import { webhookUrl } from './protocol';
import { DEFAULT_STORE_LIMITS, RELAY_DB_FILE, RelayStore, type StoreLimits } from './store';
import { Waiters } from './waiters';

export const DEFAULT_RELAY_PORT = 8787;

export type RelayLimits = HttpLimits & StoreLimits;

export const DEFAULT_LIMITS: RelayLimits = {
  ...DEFAULT_STORE_LIMITS,
  // Plaid bodies are a few hundred bytes.
  maxBodyBytes: 64 * 1024,
  ingestPerDevice: { perSecond: 50, burst: 200 },
  pollPerDevice: { perSecond: 2, burst: 30 },
  // Plaid sends from a handful of addresses: generous, but not unbounded.
  perAddress: { perSecond: 200, burst: 1000 },
};

export interface PlaidAccess {
  baseUrl: string;
  clientId: string;
  secret: string;
}

export interface RelayOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Interface to bind (default 127.0.0.1: put a TLS proxy in front). */
  host?: string;
  /** Where Plaid reaches this relay, for the webhook URLs it prints (default http://host:port). */
  publicUrl?: string | null;
  /** Keys to fetch Plaid's verification keys; without them every webhook is refused (and the log says why). */
  plaid?: PlaidAccess | null;
  /** Replaces the Plaid lookup (tests and benchmarks with keys of their own). */
  keyLookup?: KeyLookup;
  limits?: Partial<RelayLimits>;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy?: boolean;
  log?: RelayLog;
  now?: () => number;
  /** Housekeeping interval (default 60 s). */
  pruneEveryMs?: number;
}

export interface RelayDevice {
  deviceId: string;
  secret: string;
  webhookUrl: string;
}

export interface RunningRelay {
  /** Where to poll: http://host:port. */
  url: string;
  port: number;
  /** The base of webhook URLs. */
  publicUrl: string;
  addDevice(): RelayDevice;
  /** A fresh secret for a device this relay knows; null if it does not. */
  rotateDeviceSecret(deviceId: string): string | null;
  deviceExists(deviceId: string): boolean;
  close(): Promise<void>;
}

export function relayDbPath(dataDir: string): string {
  return path.join(dataDir, RELAY_DB_FILE);
}

function sourceResolver(trustProxy: boolean) {
  return (c: Context): string => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for');
      const last = forwarded?.split(',').pop()?.trim();
      if (last) return last;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
}

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const log = options.log ?? streamLog();
  const now = options.now ?? Date.now;
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const store = new RelayStore(relayDbPath(options.dataDir), limits);

  const lookup =
    options.keyLookup ??
    (options.plaid
      ? plaidKeyLookup({
          baseUrl: options.plaid.baseUrl,
          clientId: options.plaid.clientId,
          secret: options.plaid.secret,
        })
      : null);
  if (!lookup) {
    log.warn('no Plaid keys: every webhook will be refused', {
      fix: 'set PLAID_CLIENT_ID, PLAID_SECRET and PLAID_ENV (sandbox or production), or --plaid-url',
    });
  }
  const keys = new KeyCache(lookup, {
    now,
    onLookup: ({ kid, outcome, message }) =>
      (outcome === 'found' ? log.info : log.warn)('verification key lookup', { kid, outcome, message }),
  });

  const waiters = new Waiters();
  const ingestor = new Ingestor({ store, keys, log, now, onNewEvents: (ids) => waiters.notify(ids) });
  const app = createRelayApp({
    store,
    ingestor,
    waiters,
    log,
    limits,
    now,
    sourceOf: sourceResolver(options.trustProxy ?? false),
  });

  const host = options.host ?? '127.0.0.1';
  let server: ServerType;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, (info: AddressInfo) =>
      resolve(info.port),
    );
    server.once('error', reject);
  }).catch((error: unknown) => {
    store.close();
    throw error;
  });
  const displayHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${displayHost}:${port}`;
  const publicUrl = (options.publicUrl ?? store.getMeta('public_url') ?? url).replace(/\/+$/, '');
  if (options.publicUrl) store.setMeta('public_url', publicUrl);
  store.setMeta('listen_url', url);

  const prune = () => {
    try {
      const { expiredEvents } = store.prune(now());
      if (expiredEvents > 0)
        log.warn('events past retention replaced by a resync marker', { expired: expiredEvents });
    } catch (error) {
      log.error('housekeeping failed', { message: error instanceof Error ? error.message : String(error) });
    }
  };
  prune();
  const timer = setInterval(prune, options.pruneEveryMs ?? 60_000);
  timer.unref();

  log.info('relay listening', { url, public_url: publicUrl, verification: lookup ? 'on' : 'no Plaid keys' });

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    publicUrl,
    addDevice() {
      const device = store.addDevice(now());
      log.info('device added', { device: shortId(device.deviceId) });
      return { ...device, webhookUrl: webhookUrl(publicUrl, device.deviceId) };
    },
    rotateDeviceSecret: (deviceId) => store.rotateSecret(deviceId),
    deviceExists: (deviceId) => store.deviceExists(deviceId),
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        waiters.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        // Webhooks verified but still in their commit window are stored (and answered) before the store goes.
        ingestor.drain();
        await new Promise((r) => setImmediate(r));
        store.close();
      })();
      return closing;
    },
  };
}

/** `coffer relay add-device`: works on the data dir whether or not a relay is running on it. */
export function addDeviceOffline(
  dataDir: string,
  publicUrl: string | null,
): RelayDevice & { publicUrl: string | null } {
  const store = new RelayStore(relayDbPath(dataDir));
  try {
    if (publicUrl) store.setMeta('public_url', publicUrl.replace(/\/+$/, ''));
    const base =
      publicUrl?.replace(/\/+$/, '') ?? store.getMeta('public_url') ?? store.getMeta('listen_url') ?? null;
    const device = store.addDevice();
    return {
      ...device,
      publicUrl: base,
      webhookUrl: webhookUrl(base ?? `http://127.0.0.1:${DEFAULT_RELAY_PORT}`, device.deviceId),
    };
  } finally {
    store.close();
  }
}
