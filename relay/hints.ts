/**
 * Which webhooks are mere "go and fetch" hints. A newer hint for the same Item, type and code
 * replaces one the device has not been handed yet, which bounds a queue by the number of Items.
 * Webhooks that carry facts of their own (ITEM errors, revocations, removed ids, asset reports)
 * are kept one by one.
 */
const HINTS: Record<string, readonly string[]> = {
  TRANSACTIONS: [
    'SYNC_UPDATES_AVAILABLE',
    'DEFAULT_UPDATE',
    'INITIAL_UPDATE',
    'HISTORICAL_UPDATE',
    'RECURRING_TRANSACTIONS_UPDATE',
  ],
  HOLDINGS: ['DEFAULT_UPDATE'],
  INVESTMENTS_TRANSACTIONS: ['DEFAULT_UPDATE', 'HISTORICAL_UPDATE'],
  LIABILITIES: ['DEFAULT_UPDATE'],
  AUTH: ['DEFAULT_UPDATE'],
  IDENTITY: ['DEFAULT_UPDATE'],
};

export interface WebhookSummary {
  type: string | null;
  code: string | null;
  itemId: string | null;
}

/** The routing fields of a verified body; never the rest of it. */
export function summarize(body: Uint8Array): WebhookSummary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return { type: null, code: null, itemId: null };
  }
  const o = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.length <= 200 ? v : null);
  return { type: str(o.webhook_type), code: str(o.webhook_code), itemId: str(o.item_id) };
}

export function coalesceKey(summary: WebhookSummary): string | null {
  const { type, code, itemId } = summary;
  if (!type || !code || !itemId) return null;
  return HINTS[type]?.includes(code) ? `${itemId}\u0000${type}\u0000${code}` : null;
}
