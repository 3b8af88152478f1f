/**
 * Test support: a simulator on a free port, the real `plaid` SDK aimed at it, and the admin
 * calls tests need. Used by the simulator's own tests and the contract tests; never by product
 * code.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { Configuration, PlaidApi, Products, type Transaction, type RemovedTransaction } from 'plaid';
import { startSimulator } from './server';
import type { RunningSimulator, SimulatorOptions } from './options';

export interface TruthTransaction {
  transaction_id: string;
  account_id: string;
  amount: number;
  iso_currency_code: string | null;
  date: string;
  authorized_date: string | null;
  pending: boolean;
  pending_transaction_id: string | null;
  name: string;
}

export interface SyncOutcome {
  added: Transaction[];
  modified: Transaction[];
  removed: RemovedTransaction[];
  cursor: string;
  pages: number;
}

export interface SimHarness {
  sim: RunningSimulator;
  plaid: PlaidApi;
  /** An Item at an institution through /sandbox/public_token/create and the exchange. */
  linkItem(options?: {
    institutionId?: string;
    daysRequested?: number;
    products?: Products[];
    webhook?: string;
  }): Promise<{ accessToken: string; itemId: string }>;
  /** Pages /transactions/sync from `cursor` until has_more is false. */
  syncAll(accessToken: string, cursor?: string, count?: number): Promise<SyncOutcome>;
  admin<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T>;
  /** A raw POST with the simulator's keys: the status and JSON body the SDK would hide or throw. */
  call(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Goes through the Link stand-in as its UI would: user_good, every account kept. */
  linkThroughStandIn(
    linkToken: string,
    institutionId?: string,
  ): Promise<{ publicToken: string; linkSessionId: string }>;
  advanceClock(days: number): Promise<string>;
  truth(itemId: string): Promise<TruthTransaction[]>;
  close(): Promise<void>;
}

export function plaidClient(sim: { url: string; clientId: string; secret: string }): PlaidApi {
  return new PlaidApi(
    new Configuration({
      basePath: sim.url,
      baseOptions: {
        headers: { 'PLAID-CLIENT-ID': sim.clientId, 'PLAID-SECRET': sim.secret },
        timeout: 20_000,
      },
    }),
  );
}

export async function startHarness(options: SimulatorOptions = {}): Promise<SimHarness> {
  const sim = await startSimulator({ port: 0, ...options });
  const plaid = plaidClient(sim);

  const request = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
    fetch(new URL(path, sim.url), {
      method,
      headers: {
        'PLAID-CLIENT-ID': sim.clientId,
        'PLAID-SECRET': sim.secret,
        'Content-Type': 'application/json',
      },
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    });
  const admin = async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> => {
    const response = await request(method, path, body);
    const data = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path} → HTTP ${response.status}: ${JSON.stringify(data)}`);
    return data;
  };
  const call = async (path: string, body: unknown) => {
    const response = await request('POST', path, body);
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return {
      status: response.status,
      body: json ? ((await response.json()) as Record<string, unknown>) : {},
    };
  };
  const link = async (linkToken: string, path: string, body: Record<string, unknown>) => {
    const reply = await call(path, { link_token: linkToken, ...body });
    if (reply.status !== 200)
      throw new Error(`${path} → HTTP ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply.body;
  };

  return {
    sim,
    plaid,
    async linkItem({
      institutionId = 'ins_109508',
      daysRequested = 730,
      products = [Products.Transactions],
      webhook,
    } = {}) {
      const { data: created } = await plaid.sandboxPublicTokenCreate({
        institution_id: institutionId,
        initial_products: products,
        options: { transactions: { days_requested: daysRequested }, ...(webhook ? { webhook } : {}) },
      });
      const { data } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });
      return { accessToken: data.access_token, itemId: data.item_id };
    },
    async syncAll(accessToken, cursor = '', count = 500) {
      const outcome: SyncOutcome = { added: [], modified: [], removed: [], cursor, pages: 0 };
      for (;;) {
        const { data } = await plaid.transactionsSync({
          access_token: accessToken,
          cursor: outcome.cursor,
          count,
        });
        outcome.added.push(...data.added);
        outcome.modified.push(...data.modified);
        outcome.removed.push(...data.removed);
        outcome.cursor = data.next_cursor;
        outcome.pages++;
        if (!data.has_more) return outcome;
      }
    },
    admin,
    call,
    async linkThroughStandIn(linkToken, institutionId = 'ins_109508') {
      const session = await link(linkToken, '/__link/session', {});
      const linkSessionId = session.link_session_id as string;
      const { accounts } = (await link(linkToken, '/__link/credentials', {
        link_session_id: linkSessionId,
        institution_id: institutionId,
        username: 'user_good',
        password: 'pass_good',
      })) as { accounts: { id: string }[] };
      const done = await link(linkToken, '/__link/complete', {
        link_session_id: linkSessionId,
        account_ids: accounts.map((a) => a.id),
      });
      return { publicToken: done.public_token as string, linkSessionId };
    },
    async advanceClock(days) {
      const { today } = await admin<{ today: string }>('POST', '/__sim/clock/advance', { days });
      return today;
    },
    async truth(itemId) {
      const { transactions } = await admin<{ transactions: TruthTransaction[] }>(
        'GET',
        `/__sim/truth/transactions?item_id=${encodeURIComponent(itemId)}`,
      );
      return transactions;
    },
    close: () => sim.close(),
  };
}

/** The Plaid error a rejected SDK call carried (fails the test if the call succeeded). */
export async function plaidFailure(
  call: Promise<unknown>,
): Promise<{ status: number; data: Record<string, unknown> }> {
  try {
    await call;
  } catch (err) {
    // The SDK rejects with an axios error carrying Plaid's reply in `response`.
    const response = (err as { response?: { status: number; data: Record<string, unknown> } }).response;
    if (response) return { status: response.status, data: response.data };
    throw err;
  }
  throw new Error('expected the Plaid call to fail, but it succeeded');
}

// --- Webhooks ---------------------------------------------------------------------------------

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The body exactly as received (what the signature covers). */
  raw: string;
  body: Record<string, unknown>;
  /** When it arrived (ms since epoch). */
  at: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** HTTP status for the next deliveries, in order; 200 once the list is used up. */
  respondWith(statuses: number[]): void;
  /** Resolves with the first `count` webhooks matching `match` (default: any), or fails after `timeoutMs`. */
  waitFor(
    match: (w: ReceivedWebhook) => boolean,
    count?: number,
    timeoutMs?: number,
  ): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A webhook endpoint on 127.0.0.1 recording every delivery. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let statuses: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({
        headers: req.headers,
        raw,
        body: JSON.parse(raw) as Record<string, unknown>,
        at: Date.now(),
      });
      res.writeHead(statuses.shift() ?? 200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/plaid/webhook`,
    received,
    respondWith(next) {
      statuses = [...next];
    },
    async waitFor(match, count = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.filter(match);
        if (found.length >= count) return found.slice(0, count);
        if (Date.now() > deadline)
          throw new Error(
            `expected ${count} matching webhooks, got ${found.length} of ${received.map((w) => `${String(w.body.webhook_type)}/${String(w.body.webhook_code)}`).join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Verifies a webhook as Plaid documents it: ES256 only, the key from
 * /webhook_verification_key/get (refused once expired), at most 5 minutes old, and the sha256 of
 * the raw body equal to the signed claim. Returns the key id; throws on any failure.
 */
export async function verifyPlaidWebhook(plaid: PlaidApi, webhook: ReceivedWebhook): Promise<string> {
  const jwt = webhook.headers['plaid-verification'];
  if (typeof jwt !== 'string') throw new Error('no Plaid-Verification header');
  const header = decodeProtectedHeader(jwt);
  if (header.alg !== 'ES256' || typeof header.kid !== 'string')
    throw new Error('not an ES256 JWT with a kid');
  const { data } = await plaid.webhookVerificationKeyGet({ key_id: header.kid });
  if (data.key.expired_at !== null) throw new Error(`key ${header.kid} has expired`);
  const key = await importJWK({ ...data.key }, 'ES256');
  const { payload } = await jwtVerify(jwt, key, { algorithms: ['ES256'], maxTokenAge: '5 min' });
  const claimed = Buffer.from(String(payload.request_body_sha256), 'hex');
  const actual = createHash('sha256').update(webhook.raw).digest();
  if (claimed.length !== actual.length || !timingSafeEqual(claimed, actual))
    throw new Error('body hash mismatch');
  return header.kid;
}
