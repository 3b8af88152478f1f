/**
 * The simulator's HTTP server: Plaid's API (POST JSON, credentials in body or headers, Plaid's
 * error objects), the Link stand-in, and the /__sim admin API. Bound to 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin';
import { FaultInjector } from './faults';
import { itemEventSettings, refreshItemHealth } from './item-events';
import { attachWebhooks, fireAssetsError, fireAssetsProductReady, type WebhookDispatcher } from './webhooks';
import { assetReportErrorObject } from './products/asset-report';
import { SimulatorCore } from './core';
import { DEMO_CREDENTIALS } from './credentials';
import { PlaidApiError } from './errors';
import { BinaryReply, header, parseJsonObject, readBody, sendBinary, sendJson, sendText } from './http-util';
import { newRequestId } from './ids';
import { LINK_UI_HTML, linkAssets } from './link-assets';
import { LinkStandIn } from './link-server';
import { PLAID_ROUTES } from './plaid-routes';
import { RequestRecorder } from './recorder';
import type { RunningSimulator, SimulatorOptions } from './options';

/** Same path as Plaid's CDN, so the app only swaps the origin. */
export const LINK_SCRIPT_PATH = '/link/v2/stable/link-initialize.js';

/** Link's pages are framed by whatever origin hosts the app's Link page. */
const FRAMEABLE = { 'Content-Security-Policy': 'frame-ancestors *' };
const LINK_UI_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

interface Context {
  core: SimulatorCore;
  recorder: RequestRecorder;
  link: LinkStandIn;
  faults: FaultInjector;
  webhooks: WebhookDispatcher;
  clientId: string;
  secret: string;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const clientId = options.clientId ?? DEMO_CREDENTIALS.clientId;
  const secret = options.secret ?? DEMO_CREDENTIALS.secret;
  const core = new SimulatorCore({
    seed: options.seed,
    statePath: options.statePath ?? null,
    clock: options.clock ?? null,
  });
  const webhooks = attachWebhooks(core, options.webhooks);
  await webhooks.keys.ensureKey();
  // An Asset Report finishing (after its delay or a clock step) is announced as Plaid does.
  core.products.assetReports.onReady((event) => {
    const common = {
      webhook: event.webhook,
      assetReportId: event.asset_report_id,
      itemId: event.itemIds[0] ?? null,
    };
    if (event.errorCode) fireAssetsError(core, { ...common, error: assetReportErrorObject(event.errorCode) });
    else fireAssetsProductReady(core, common);
  });
  Object.assign(itemEventSettings(core), {
    expireAfter30Days: options.expireAfter30Days ?? false,
    transactionsPerItem: options.transactionsPerItem ?? null,
  });
  const ctx: Context = {
    core,
    recorder: new RequestRecorder(),
    link: new LinkStandIn(core),
    faults: new FaultInjector(options.faults),
    webhooks,
    clientId,
    secret,
  };

  const server = createServer((req, res) => {
    handle(ctx, req, res).catch((err: unknown) => {
      console.error('[plaid-simulator] unexpected failure:', err instanceof Error ? err.message : err);
      if (!res.headersSent)
        sendJson(res, 500, new PlaidApiError('INTERNAL_SERVER_ERROR').toBody(newRequestId()));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clientId,
    secret,
    close: () =>
      new Promise<void>((resolve, reject) => {
        webhooks.close();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  const method = req.method ?? 'GET';

  if (path === LINK_SCRIPT_PATH && (method === 'GET' || method === 'HEAD')) {
    const { initializeJs } = await linkAssets();
    sendText(res, 200, 'application/javascript; charset=utf-8', initializeJs, {
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    return;
  }
  if (path.startsWith('/__link/')) return handleLink(ctx, method, path, req, res);
  if (path.startsWith('/__sim/')) return handleAdminHttp(ctx, method, path, url, req, res);
  return handlePlaid(ctx, method, path, req, res);
}

function authenticate(ctx: Context, req: IncomingMessage, body: Record<string, unknown>): void {
  const clientId = typeof body.client_id === 'string' ? body.client_id : header(req, 'PLAID-CLIENT-ID');
  const secret = typeof body.secret === 'string' ? body.secret : header(req, 'PLAID-SECRET');
  if (clientId !== ctx.clientId || secret !== ctx.secret) throw new PlaidApiError('INVALID_API_KEYS');
}

function sendError(res: ServerResponse, err: unknown, requestId: string): number {
  const error = err instanceof PlaidApiError ? err : new PlaidApiError('INTERNAL_SERVER_ERROR');
  if (!(err instanceof PlaidApiError)) {
    console.error('[plaid-simulator] handler failed:', err instanceof Error ? err.message : err);
  }
  sendJson(res, error.status, error.toBody(requestId));
  return error.status;
}

async function handlePlaid(
  ctx: Context,
  method: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  const handler = method === 'POST' ? PLAID_ROUTES[path] : undefined;
  let body: Record<string, unknown> | null = null;
  let status: number;
  try {
    const text = await readBody(req);
    if (!handler) throw new PlaidApiError('NOT_FOUND', `path ${path} not found`);
    body = parseJsonObject(text);
    const fault = ctx.faults.decide(path, body);
    if (fault?.kind === 'hang') {
      // Accept and never answer: the client's timeout is what is being tested.
      ctx.recorder.record(path, body, 0);
      return;
    }
    if (fault?.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'error') {
      sendJson(res, fault.error.status, { ...fault.error.body, request_id: requestId });
      ctx.recorder.record(path, body, 0);
      return;
    }
    authenticate(ctx, req, body);
    if (fault?.kind === 'mutation') {
      sendError(res, new PlaidApiError('TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION'), requestId);
      ctx.recorder.record(path, body, 0);
      return;
    }
    refreshItemHealth(ctx.core);
    const result = handler(ctx.core, body);
    if (result instanceof BinaryReply) sendBinary(res, result, requestId);
    else sendJson(res, 200, { ...result, request_id: requestId });
    status = 200;
  } catch (err) {
    status = sendError(res, err, requestId);
  }
  if (handler && body) ctx.recorder.record(path, body, status);
}

async function handleAdminHttp(
  ctx: Context,
  method: string,
  path: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  try {
    const text = await readBody(req);
    const body = method === 'POST' && text ? parseJsonObject(text) : {};
    authenticate(ctx, req, body);
    const result = await handleAdmin(
      { core: ctx.core, recorder: ctx.recorder, faults: ctx.faults },
      { method, path, query: url.searchParams, body },
    );
    sendJson(res, 200, { ...result, request_id: requestId });
  } catch (err) {
    sendError(res, err, requestId);
  }
}

async function handleLink(
  ctx: Context,
  method: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // /__link/oauth is the OAuth bank's pop-up page: the same shell and bundle as Link's UI.
  if (method === 'GET' && (path === '/__link/ui' || path === '/__link/oauth')) {
    sendText(res, 200, 'text/html; charset=utf-8', LINK_UI_HTML, {
      'Content-Security-Policy': LINK_UI_CSP,
      'Referrer-Policy': 'no-referrer',
    });
    return;
  }
  if (method === 'GET' && path === '/__link/ui.js') {
    const { uiJs } = await linkAssets();
    sendText(res, 200, 'application/javascript; charset=utf-8', uiJs, FRAMEABLE);
    return;
  }
  const requestId = newRequestId();
  try {
    const text = await readBody(req);
    if (method !== 'POST') throw new PlaidApiError('NOT_FOUND');
    sendJson(res, 200, { ...ctx.link.handle(path, parseJsonObject(text)), request_id: requestId });
  } catch (err) {
    sendError(res, err, requestId);
  }
}
