/**
 * `node bin/run-ts.mjs bench/relay.ts`: the relay's verify-and-store throughput, beside anchors
 * measured in the same run:
 *
 * 1. ours, in process: Ingestor.ingest (ES256 verify through the key cache, body hash, then the
 *    SQLite insert, WAL + synchronous=FULL, committed before it resolves; group commit) with 64
 *    webhooks in flight;
 * 2. ours, over HTTP: the same through hono on loopback (POST /hooks/<device>, 200 only after the
 *    commit), 64 in flight (a node:http keep-alive client in the same process);
 * anchors: bare jose `jwtVerify` of the same JWTs (same concurrency), and bare better-sqlite3
 * inserts of the same rows with synchronous=FULL, one transaction per row (what a durable insert
 * costs without group commit) and one per 64 rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { importJWK, jwtVerify } from 'jose';
import { Ingestor } from '../relay/ingest';
import { KeyCache } from '../relay/keys';
import { silentLog } from '../relay/log';
import { startRelay } from '../relay/server';
import { RelayStore } from '../relay/store';
import { sha256Hex } from '../relay/verify';
import { makeKey, plaidBody, sign } from '../tests/relay/support';

const N = Number(process.env.BENCH_WEBHOOKS ?? 5000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i]);
    }),
  );
}

// node:http with keep-alive, as a webhook sender would use; undici's fetch alone tops out near 900 requests/s here.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(port: number, pathname: string, jwt: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          'plaid-verification': jwt,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function best(label: string, run: () => Promise<void>): Promise<number> {
  let bestMs = Infinity;
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    await run();
    bestMs = Math.min(bestMs, performance.now() - started);
  }
  console.log(
    `${label.padEnd(58)} ${bestMs.toFixed(0).padStart(6)} ms  ${Math.round((N / bestMs) * 1000)
      .toLocaleString('en-US')
      .padStart(8)} webhooks/s`,
  );
  return bestMs;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'coffer-bench-relay-'));
try {
  const key = await makeKey();
  const webhooks = await Promise.all(
    Array.from({ length: N }, async (_, i) => {
      // ITEM errors for distinct Items: nothing collapses or coalesces, every one is a row.
      const body = plaidBody({
        webhook_type: 'ITEM',
        webhook_code: 'ERROR',
        item_id: `item-${i}`,
        error: null,
      });
      return { body, jwt: await sign(key, body) };
    }),
  );
  console.log(`relay: ${N} signed webhooks, best of ${REPEAT}`);

  const publicKey = (await importJWK(
    { kty: 'EC', crv: 'P-256', x: key.jwk.x, y: key.jwk.y },
    'ES256',
  )) as CryptoKey;
  const verifyMs = await best('anchor: bare jose jwtVerify (64 in flight)', () =>
    pool(webhooks, 64, (w) => jwtVerify(w.jwt, publicKey, { algorithms: ['ES256'] })),
  );

  let run = 0;
  const bareInsert = (perTransaction: number) => {
    const db = new Database(path.join(scratch, `bare-${run++}.sqlite`));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(
      `CREATE TABLE events (seq INTEGER PRIMARY KEY, received_at INTEGER, jwt TEXT, body BLOB, body_sha256 TEXT)`,
    );
    const insert = db.prepare(`INSERT INTO events (received_at, jwt, body, body_sha256) VALUES (?, ?, ?, ?)`);
    const batch = db.transaction((rows: typeof webhooks) => {
      for (const w of rows) insert.run(Date.now(), w.jwt, w.body, sha256Hex(w.body));
    });
    for (let i = 0; i < webhooks.length; i += perTransaction) batch(webhooks.slice(i, i + perTransaction));
    db.close();
  };
  const insert1Ms = await best('anchor: bare SQLite insert, FULL sync, 1 row per commit', async () =>
    bareInsert(1),
  );
  const insert64Ms = await best('anchor: bare SQLite insert, FULL sync, 64 rows per commit', async () =>
    bareInsert(64),
  );

  const app = new Hono();
  app.post('/hooks/:id', async (c) => {
    await c.req.arrayBuffer();
    return c.json({ ok: true });
  });
  const bare = await new Promise<{ port: number; server: ReturnType<typeof serve> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ port: info.port, server }),
    );
  });
  const honoMs = await best('anchor: bare hono POST over loopback, no verify, no store (64)', () =>
    pool(webhooks, 64, (w) => post(bare.port, '/hooks/x', w.jwt, w.body)),
  );
  bare.server.close();

  const ingestMs = await best('ours: verify + durable store in process (64 in flight)', async () => {
    const store = new RelayStore(path.join(scratch, `ingest-${run++}.sqlite`), {
      maxQueue: N * 2,
      retentionMs: 86400_000,
      jwtMemoryMs: 3600_000,
    });
    const deviceId = store.addDevice().deviceId;
    const keys = new KeyCache(async () => key.jwk);
    const ingestor = new Ingestor({ store, keys, log: silentLog, now: Date.now, onNewEvents: () => {} });
    await pool(webhooks, 64, async (w) => {
      const r = await ingestor.ingest({ deviceId, token: w.jwt, body: w.body, source: 'bench' });
      if (r.status !== 200) throw new Error(`ingest failed: ${JSON.stringify(r)}`);
    });
    store.close();
  });

  const httpMs = await best('ours: POST /hooks/<device> over loopback HTTP (64 in flight)', async () => {
    const relay = await startRelay({
      dataDir: path.join(scratch, `http-${run++}`),
      port: 0,
      keyLookup: async () => key.jwk,
      log: silentLog,
      limits: {
        maxQueue: N * 2,
        ingestPerDevice: { perSecond: 1e9, burst: 1e9 },
        perAddress: { perSecond: 1e9, burst: 1e9 },
      },
    });
    const device = relay.addDevice();
    await pool(webhooks, 64, async (w) => {
      const status = await post(relay.port, `/hooks/${device.deviceId}`, w.jwt, w.body);
      if (status !== 200) throw new Error(`HTTP ${status}`);
    });
    await relay.close();
  });

  const rate = (ms: number) => Math.round((N / ms) * 1000);
  console.log(
    JSON.stringify({
      webhooks: N,
      ingest_per_s: rate(ingestMs),
      http_per_s: rate(httpMs),
      bare_verify_per_s: rate(verifyMs),
      bare_insert_1_per_s: rate(insert1Ms),
      bare_insert_64_per_s: rate(insert64Ms),
      bare_hono_per_s: rate(honoMs),
      ingest_vs_bare_verify: +(ingestMs / verifyMs).toFixed(2),
      target_met: rate(httpMs) >= 1000 && rate(ingestMs) >= 1000,
    }),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
