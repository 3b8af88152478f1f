/**
 * The real simulator as Plaid for the relay's integration tests: Items whose webhook URL points
 * where a test wants, webhooks fired through /sandbox/item/fire_webhook, and a capture server
 * that keeps genuine webhooks (headers and raw bytes) so a test can replay or alter them.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Products } from 'plaid';
import { startHarness, type SimHarness } from '../../sim/testing';

export interface Captured {
  jwt: string | null;
  body: Buffer;
}

export interface CaptureServer {
  url: string;
  received: Captured[];
  close(): Promise<void>;
}

export async function captureServer(): Promise<CaptureServer> {
  const received: Captured[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const header = req.headers['plaid-verification'];
      received.push({ jwt: typeof header === 'string' ? header : null, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/capture`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function simCredentials() {
  return {
    clientId: `relay-it-${randomBytes(4).toString('hex')}`,
    secret: `sec-${randomBytes(12).toString('hex')}`,
  };
}

export async function startSim(): Promise<SimHarness> {
  const harness = await startHarness(simCredentials());
  // Retries in milliseconds, not minutes: a test must see Plaid's schedule happen.
  await harness.admin('POST', '/__sim/webhooks/config', { retryBaseMs: 200 });
  return harness;
}

export async function linkWithWebhook(
  harness: SimHarness,
  webhook: string,
  institutionId = 'ins_109508',
): Promise<{ accessToken: string; itemId: string }> {
  const { data: created } = await harness.plaid.sandboxPublicTokenCreate({
    institution_id: institutionId,
    initial_products: [Products.Transactions],
    options: { webhook, transactions: { days_requested: 30 } },
  });
  const { data } = await harness.plaid.itemPublicTokenExchange({ public_token: created.public_token });
  return { accessToken: data.access_token, itemId: data.item_id };
}

export async function fire(
  harness: SimHarness,
  accessToken: string,
  code: string,
  type?: string,
): Promise<void> {
  await harness.plaid.sandboxItemFireWebhook({
    access_token: accessToken,
    webhook_code: code as never,
    ...(type ? { webhook_type: type as never } : {}),
  });
}

export async function waitUntil<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface SimDelivery {
  id: string;
  item_id: string | null;
  webhook_type: string;
  webhook_code: string;
  status: string;
  attempts: { status: number | null; error: string | null; kid: string }[];
}

export async function deliveries(harness: SimHarness): Promise<SimDelivery[]> {
  return (await harness.admin<{ webhooks: SimDelivery[] }>('GET', '/__sim/webhooks')).webhooks;
}
