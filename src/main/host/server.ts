/**
 * The browser host: the app in an ordinary browser tab, for machines without the Electron
 * runtime. It serves the built renderer and the same contract calls as Electron's IPC
 * (`POST /api/<name>` → dispatch), on 127.0.0.1 only, behind the checks in ./guard.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppErrorShape, Envelope } from '../../shared/api';
import { LinkPageResult } from '../../shared/link';
import type { Core } from '../services/core-types';
import { dispatch } from '../services/dispatch';
import { LANE_HEADER, Lanes, SUPERSEDED } from './lanes';
import { toAppError } from '../services/errors';
import { BACKUP_FILE_PATH, HostBackupFiles } from './backup-files';
import { ASSET_REPORT_PDF_PATH, sendAssetReportPdf } from './asset-report-files';
import { hostAppCsp, hostLinkPageCsp } from './csp';
import { EXPORT_FILE_PATH, sendExport } from './export-download';
import { EventHub, frameEvent } from './event-stream';
import { bearerMatches, hostAllowed, newToken, originAllowed, RateLimiter } from './guard';
import { LinkSessions } from './link-sessions';
import { resolveStatic } from './static-files';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Request line plus headers; a browser's requests to this host stay far below (Node answers 431). */
export const MAX_HEADER_BYTES = 16 * 1024;
/** A client must send its headers, and its whole request, within these (slow-loris). */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
const MAX_URL_LENGTH = 4096;
const LINK_RESULT_PATH = /^\/link\/([A-Za-z0-9_-]{16,128})\/result$/;

export interface HostOptions {
  core: Core;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (`out/renderer`): index.html, link/index.html and their assets. */
  rendererDir: string;
  rateLimit?: { maxRequests: number; windowMs: number };
  linkTimeoutMs?: number;
}

export interface RunningHost {
  /** What the user opens: carries the token in the fragment, which browsers never send to a server. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'SAMEORIGIN',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Security-Policy': hostAppCsp(),
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: HttpError): void {
  const envelope: Envelope<never> = {
    ok: false,
    error: { code: error.code, message: error.message, plaid: null } satisfies AppErrorShape,
  };
  sendJson(res, error.status, envelope);
}

function requireJson(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Requests must have Content-Type: application/json.');
  }
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const tooLarge = () =>
    new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes.`);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'Request body is not valid JSON.');
  }
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { core, rendererDir } = options;
  const token = newToken();
  const limiter = new RateLimiter(
    options.rateLimit?.maxRequests ?? 2000,
    options.rateLimit?.windowMs ?? 10_000,
  );
  const hub = new EventHub();
  const lanes = new Lanes();
  const sessions = new LinkSessions(
    {
      present: (sessionId, url) => hub.emit('link.present', { sessionId, url }),
      closed: (sessionId) => hub.emit('link.closed', { sessionId }),
    },
    options.linkTimeoutMs,
  );
  const unsubscribe = core.onEvent((name, payload) => hub.emit(name, payload));
  core.setLinkPresenter(sessions.presenter);
  const backupFiles = new HostBackupFiles(core);
  core.setFilePicker(backupFiles.picker);
  let port = 0;

  async function handleBackupFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!bearerMatches(req.headers.authorization, token)) {
      throw new HttpError(403, 'FORBIDDEN', 'Missing or wrong access token.');
    }
    try {
      if (req.method === 'GET') return await backupFiles.download(res, COMMON_HEADERS);
      if (req.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Use GET or POST.');
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/octet-stream') {
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Upload the file as application/octet-stream.');
      }
      await backupFiles.receive(req);
      sendJson(res, 200, { ok: true, result: {} });
    } catch (error) {
      if (error instanceof HttpError || res.headersSent) throw error;
      const appError = toAppError(error);
      throw new HttpError(400, appError.code, appError.message);
    }
  }

  async function handleExportFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!bearerMatches(req.headers.authorization, token)) {
      throw new HttpError(403, 'FORBIDDEN', 'Missing or wrong access token.');
    }
    if (req.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Use POST.');
    requireJson(req);
    const payload = await readJson(req, MAX_BODY_BYTES);
    try {
      await sendExport(core, payload, res, COMMON_HEADERS);
    } catch (error) {
      if (res.headersSent) throw error;
      const appError = toAppError(error);
      throw new HttpError(400, appError.code, appError.message);
    }
  }

  async function handleAssetReportPdf(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!bearerMatches(req.headers.authorization, token)) {
      throw new HttpError(403, 'FORBIDDEN', 'Missing or wrong access token.');
    }
    if (req.method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Use GET.');
    try {
      await sendAssetReportPdf(core, url, res, COMMON_HEADERS);
    } catch (error) {
      if (error instanceof HttpError || res.headersSent) throw error;
      const appError = toAppError(error);
      throw new HttpError(400, appError.code, appError.message);
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (!bearerMatches(req.headers.authorization, token)) {
      throw new HttpError(403, 'FORBIDDEN', 'Missing or wrong access token.');
    }
    if (name === 'events') {
      if (req.method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Use GET for /api/events.');
      const replay = sessions.open().map((s) => frameEvent('link.present', s));
      hub.attach(res, { ...COMMON_HEADERS }, replay);
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Use POST for API calls.');
    requireJson(req);
    const ticket = lanes.enter(req.headers[LANE_HEADER], name);
    let envelope: Envelope<unknown>;
    try {
      const payload = await readJson(req, MAX_BODY_BYTES);
      envelope = (await ticket.superseded())
        ? {
            ok: false,
            error: {
              code: SUPERSEDED,
              message: 'A newer request from this window replaced this one.',
              plaid: null,
            },
          }
        : await dispatch(core.handlers, name, payload);
    } finally {
      ticket.leave();
    }
    const status = !envelope.ok && envelope.error.code === 'UNKNOWN_CALL' ? 404 : 200;
    sendJson(res, status, envelope);
  }

  async function handleLinkResult(
    req: IncomingMessage,
    res: ServerResponse,
    sessionId: string,
  ): Promise<void> {
    requireJson(req);
    const parsed = LinkPageResult.safeParse(await readJson(req, 64 * 1024));
    if (!parsed.success) {
      throw new HttpError(
        400,
        'INVALID_REQUEST',
        `Invalid Link result: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    }
    if (!sessions.report(sessionId, parsed.data)) {
      throw new HttpError(404, 'UNKNOWN_LINK_SESSION', 'This Link session is unknown or already finished.');
    }
    sendJson(res, 200, { ok: true, result: {} });
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');
    }
    const file = await resolveStatic(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) throw new HttpError(404, 'NOT_FOUND', 'Not found.');
    const isHtml = file.contentType.startsWith('text/html');
    let csp = hostAppCsp();
    if (file.relative === 'link/index.html') {
      const session = sessions.get(url.searchParams.get('session') ?? '');
      csp = hostLinkPageCsp(session?.linkOrigins ?? []);
    }
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Security-Policy': csp,
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': isHtml ? 'no-store' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!limiter.allow()) throw new HttpError(429, 'RATE_LIMITED', 'Too many requests; slow down.');
    if (!hostAllowed(req.headers.host, port)) throw new HttpError(403, 'FORBIDDEN', 'Foreign Host header.');
    if (!originAllowed(req.headers.origin, port))
      throw new HttpError(403, 'FORBIDDEN', 'Foreign Origin header.');
    if ((req.url ?? '').length > MAX_URL_LENGTH)
      throw new HttpError(414, 'URI_TOO_LONG', 'Request URL is too long.');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'Malformed request URL.');
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (url.pathname === BACKUP_FILE_PATH) return handleBackupFile(req, res);
    if (url.pathname === EXPORT_FILE_PATH) return handleExportFile(req, res);
    if (url.pathname === ASSET_REPORT_PDF_PATH) return handleAssetReportPdf(req, res, url);
    const linkResult = LINK_RESULT_PATH.exec(url.pathname);
    if (linkResult && req.method === 'POST') return handleLinkResult(req, res, linkResult[1]);
    return handleStatic(req, res, url);
  }

  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const httpError =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'INTERNAL', 'The host failed to answer this request.');
      if (res.headersSent) res.destroy();
      else sendError(res, httpError);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.headersTimeout = HEADERS_TIMEOUT_MS;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    async close() {
      unsubscribe();
      sessions.cancelAll();
      backupFiles.dispose();
      hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
