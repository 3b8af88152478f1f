/**
 * Keeps the request bodies clients sent, per path, for contract tests that check a client's
 * requests against Plaid's spec. Credentials are dropped and tokens replaced before anything is
 * kept, so the record is safe to return over HTTP.
 */
const MAX_PER_PATH = 500;
export const REDACTED = '<redacted>';

export interface RecordedRequest {
  body: unknown;
  status: number;
}

function isTokenKey(key: string): boolean {
  return /(^|_)tokens?$/.test(key);
}

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'client_id' || key === 'secret') continue;
    if (isTokenKey(key))
      out[key] = Array.isArray(v) ? v.map(() => REDACTED) : typeof v === 'string' ? REDACTED : v;
    else out[key] = redact(v);
  }
  return out;
}

export class RequestRecorder {
  private readonly byPath = new Map<string, RecordedRequest[]>();

  record(path: string, body: unknown, status: number): void {
    let list = this.byPath.get(path);
    if (!list) {
      list = [];
      this.byPath.set(path, list);
    }
    list.push({ body: redact(body), status });
    if (list.length > MAX_PER_PATH) list.shift();
  }

  snapshot(): Record<string, RecordedRequest[]> {
    return Object.fromEntries(this.byPath);
  }

  clear(): void {
    this.byPath.clear();
  }
}
