import type { IncomingMessage, ServerResponse } from 'node:http';
import { PlaidApiError } from './errors';
import { hasLongArray, jsonPieces } from './json-pieces';

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new PlaidApiError('INVALID_BODY', 'request body is too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Plaid bodies are JSON objects; anything else is INVALID_BODY. */
export function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PlaidApiError('INVALID_BODY', 'body could not be parsed as JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PlaidApiError('INVALID_BODY', 'body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (hasLongArray(body)) {
    // No Content-Length: the length is only known once the last piece is written (chunked).
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    });
    writePieces(res, jsonPieces(body));
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Writes as fast as the client reads, so a huge reply is never all buffered at once. */
function writePieces(res: ServerResponse, pieces: Iterator<string>): void {
  const pump = (): void => {
    try {
      for (let piece = pieces.next(); !piece.done; piece = pieces.next()) {
        if (!res.write(piece.value)) {
          if (!res.destroyed) res.once('drain', pump);
          return;
        }
      }
      res.end();
    } catch (err) {
      // The status line is gone already: all that is left is to cut the reply short.
      console.error('[plaid-simulator] reply failed:', err instanceof Error ? err.message : err);
      res.destroy();
    }
  };
  pump();
}

export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A handler's reply that is not JSON (Plaid's PDFs); the server still adds Plaid-Request-ID. */
export class BinaryReply {
  constructor(
    readonly contentType: string,
    readonly body: Buffer,
  ) {}
}

export function sendBinary(res: ServerResponse, reply: BinaryReply, requestId: string): void {
  res.writeHead(200, {
    'Content-Type': reply.contentType,
    'Content-Length': reply.body.length,
    'Cache-Control': 'no-store',
    'Plaid-Request-ID': requestId,
  });
  res.end(reply.body);
}
