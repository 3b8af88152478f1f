/**
 * Redaction for anything that leaves memory (logs, error messages): Plaid tokens, API secrets
 * and Authorization headers. Known secret values are replaced exactly; token-shaped strings and
 * secret-named fields are replaced by pattern, so an unknown token is caught too.
 */
const TOKEN = /\b(access|public|link|processor)-[a-z]+-[A-Za-z0-9_-]{6,}/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_FIELD =
  /("?(?:secret|plaid-secret|access_token|public_token|authorization|password)"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^\s,;}&]+)/gi;
const SECRET_KEY = /secret|token|authorization|password|cookie|recovery_?key|ledger_?key/i;
/** The ledger's raw SQLite key as `PRAGMA key` takes it, and 64-hex values named as keys. */
const RAW_KEY = /x'[0-9a-f]{64}'/gi;
const NAMED_HEX_KEY = /((?:key|hexkey|rekey)\s*[:=]\s*"?)[0-9a-f]{64}\b/gi;
/** A JSON Web Token (Plaid-Verification headers, relay device credentials). */
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
/** A Coffer recovery key: eight groups of four Crockford base32 characters (security/recovery.ts). */
const RECOVERY_KEY = /\b(?:[0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}\b/g;

export const REDACTED = '[REDACTED]';

export class Redactor {
  private readonly known = new Set<string>();

  /** Remembers an exact value (a secret, an access token) to scrub wherever it appears. */
  add(value: string | null | undefined): void {
    if (value && value.length >= 4) this.known.add(value);
  }

  text(input: string): string {
    let out = input;
    for (const value of this.known) out = out.split(value).join(REDACTED);
    return out
      .replace(TOKEN, (_m, kind: string) => `${kind}-${REDACTED}`)
      .replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`)
      .replace(SECRET_FIELD, (_m, key: string) => `${key}"${REDACTED}"`)
      .replace(RAW_KEY, REDACTED)
      .replace(NAMED_HEX_KEY, (_m, key: string) => `${key}${REDACTED}`)
      .replace(RECOVERY_KEY, REDACTED)
      .replace(JWT, REDACTED);
  }

  /** Deep copy with secret-named keys dropped to REDACTED and every string scrubbed. */
  value(input: unknown, depth = 0): unknown {
    if (typeof input === 'string') return this.text(input);
    if (input === null || typeof input !== 'object') return input;
    if (depth > 8) return '[…]';
    if (Array.isArray(input)) return input.map((v) => this.value(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(input as Record<string, unknown>)) {
      // Keys like "next_cursor" or "link_token" are fine; access/public tokens and secrets are not.
      out[key] =
        SECRET_KEY.test(key) && key !== 'link_token' && typeof v === 'string'
          ? REDACTED
          : this.value(v, depth + 1);
    }
    return out;
  }
}

/** Pattern-only redaction, for places that have no Redactor at hand. */
export const redactText = (input: string): string => new Redactor().text(input);
