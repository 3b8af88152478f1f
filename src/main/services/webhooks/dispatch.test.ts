import { describe, expect, it } from 'vitest';
import { handlerFor, type WebhookActions, type WebhookPayload } from './dispatch';

function recorder(known: string[]) {
  const synced: string[] = [];
  const notified: string[] = [];
  const actions: WebhookActions = {
    hasItem: (id) => known.includes(id),
    syncItem: (id) => synced.push(id),
    itemWebhook: () => undefined,
    notify: (product) => notified.push(product),
    log: () => undefined,
  };
  return { actions, synced, notified };
}

const run = (payload: WebhookPayload, known: string[]) => {
  const r = recorder(known);
  handlerFor(payload.webhook_type, payload.webhook_code)?.(payload, r.actions);
  return r;
};

describe('webhook dispatch', () => {
  it('syncs the Item on LIABILITIES DEFAULT_UPDATE, as on a transactions update', () => {
    const liabilities = run(
      { webhook_type: 'LIABILITIES', webhook_code: 'DEFAULT_UPDATE', item_id: 'item-1' },
      ['item-1'],
    );
    expect(liabilities.synced).toEqual(['item-1']);
    expect(liabilities.notified).toEqual(['liabilities']);
    const transactions = run(
      { webhook_type: 'TRANSACTIONS', webhook_code: 'SYNC_UPDATES_AVAILABLE', item_id: 'item-1' },
      ['item-1'],
    );
    expect(transactions.synced).toEqual(['item-1']);
  });

  it('syncs nothing for an Item the ledger does not hold', () => {
    expect(
      run({ webhook_type: 'LIABILITIES', webhook_code: 'DEFAULT_UPDATE', item_id: 'other' }, ['item-1'])
        .synced,
    ).toEqual([]);
  });
});
