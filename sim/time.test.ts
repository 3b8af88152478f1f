/**
 * Simulated time and targeted mutations through /transactions/sync: after each clock advance or
 * admin change, a client applying exactly the rows sync returns holds what the truth says, field by
 * field; the changes include posted successors, modified rows and removals; webhooks say so.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transaction } from 'plaid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  plaidFailure,
  startHarness,
  startWebhookReceiver,
  type SimHarness,
  type SyncOutcome,
  type TruthTransaction,
} from './testing';

const CLOCK = '2026-03-15';

/** A client's copy, updated strictly by what sync returns; fails on any change that makes no sense. */
class Client {
  readonly held = new Map<string, Transaction>();
  cursor = '';

  apply(update: SyncOutcome): void {
    for (const r of update.removed) {
      expect(this.held.has(r.transaction_id), `removed ${r.transaction_id} was held`).toBe(true);
      this.held.delete(r.transaction_id);
    }
    for (const t of update.modified) {
      const before = this.held.get(t.transaction_id);
      expect(before, `modified ${t.transaction_id} was held`).toBeDefined();
      expect(t, 'a modification changes something').not.toEqual(before);
      this.held.set(t.transaction_id, t);
    }
    for (const t of update.added) {
      expect(this.held.has(t.transaction_id), `added ${t.transaction_id} was new`).toBe(false);
      this.held.set(t.transaction_id, t);
    }
    this.cursor = update.cursor;
  }

  expectTruth(truth: TruthTransaction[]): void {
    expect([...this.held.keys()].sort()).toEqual(truth.map((t) => t.transaction_id).sort());
    for (const t of truth) {
      const held = this.held.get(t.transaction_id)!;
      const { transaction_id, account_id, amount, iso_currency_code, date, authorized_date, pending } = held;
      expect({
        transaction_id,
        account_id,
        amount,
        iso_currency_code,
        date,
        authorized_date,
        pending,
      }).toEqual({
        transaction_id: t.transaction_id,
        account_id: t.account_id,
        amount: t.amount,
        iso_currency_code: t.iso_currency_code,
        date: t.date,
        authorized_date: t.authorized_date,
        pending: t.pending,
      });
      expect([held.pending_transaction_id, held.name]).toEqual([t.pending_transaction_id, t.name]);
    }
  }
}

describe('advancing the clock', () => {
  let h: SimHarness;
  afterEach(() => h.close());

  it('returns exactly the added, modified and removed rows, day after day', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null, seed: 11 });
    const { accessToken, itemId } = await h.linkItem({ daysRequested: 120 });
    const client = new Client();
    client.apply(await h.syncAll(accessToken, '', 200));
    client.expectTruth(await h.truth(itemId));

    let posted = 0;
    let modifiedAmounts = 0;
    let renamed = 0;
    let dropped = 0;
    for (const days of [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 5, 10, 1, 1, 1, 1]) {
      const heldBefore = new Map(client.held);
      await h.advanceClock(days);
      const update = await h.syncAll(accessToken, client.cursor, 40);
      client.apply(update);
      client.expectTruth(await h.truth(itemId));
      for (const t of update.added) if (t.pending_transaction_id && !t.pending) posted++;
      for (const t of update.modified) {
        const before = heldBefore.get(t.transaction_id)!;
        if (before.amount !== t.amount) modifiedAmounts++;
        if (before.name !== t.name) renamed++;
      }
      const successors = new Set(update.added.map((t) => t.pending_transaction_id));
      dropped += update.removed.filter((r) => !successors.has(r.transaction_id)).length;
    }
    // Pending rows post (with pending_transaction_id), tips change pending amounts, raw bank text is
    // cleaned up, and authorization holds drop off.
    expect(posted).toBeGreaterThan(10);
    expect(modifiedAmounts).toBeGreaterThan(0);
    expect(renamed).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);

    const again = await h.syncAll(accessToken, client.cursor);
    expect([again.added, again.modified, again.removed]).toEqual([[], [], []]);
  });

  it('enriches rows: places with coordinates, counterparties, transfers between the user’s own accounts', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    const { accessToken } = await h.linkItem({ daysRequested: 365 });
    const { added } = await h.syncAll(accessToken);
    const accounts = (await h.plaid.accountsGet({ access_token: accessToken })).data.accounts;
    const id = (subtype: string) => accounts.find((a) => a.subtype === subtype)!.account_id;
    const inStore = added.filter((t) => t.payment_channel === 'in store' && t.location.city);
    expect(inStore.length).toBeGreaterThan(50);
    for (const t of inStore) {
      expect(t.location.lat).toEqual(expect.any(Number));
      expect(t.location.address).toMatch(/^\d+ /);
    }
    expect(added.some((t) => t.counterparties?.some((c) => c.type === 'marketplace'))).toBe(true);
    expect(added.some((t) => t.counterparties?.some((c) => c.type === 'income_source'))).toBe(true);
    const toSavings = added.filter(
      (t) => t.account_id === id('checking') && t.name === 'Transfer to Plaid Saving',
    );
    expect(toSavings.length).toBeGreaterThan(6);
    for (const out of toSavings) {
      const into = added.find(
        (t) => t.account_id === id('savings') && t.date === out.date && t.amount === -out.amount,
      );
      expect(into, `savings side of ${out.date}`).toBeDefined();
    }
    const cardPayments = added.filter(
      (t) =>
        t.account_id === id('checking') &&
        t.personal_finance_category?.detailed === 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT',
    );
    expect(cardPayments.length).toBeGreaterThan(6);
    for (const pay of cardPayments)
      expect(
        added.some(
          (t) => t.account_id === id('credit card') && t.date === pay.date && t.amount === -pay.amount,
        ),
      ).toBe(true);
  });

  it('fires SYNC_UPDATES_AVAILABLE, DEFAULT_UPDATE and TRANSACTIONS_REMOVED matching what sync returns', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    const receiver = await startWebhookReceiver();
    try {
      const { accessToken, itemId } = await h.linkItem({ daysRequested: 60, webhook: receiver.url });
      await receiver.waitFor((w) => w.body.webhook_code === 'HISTORICAL_UPDATE');
      // Before the first sync, advances bring only the legacy webhooks.
      await h.advanceClock(1);
      await receiver.waitFor((w) => w.body.webhook_code === 'DEFAULT_UPDATE');
      expect(receiver.received.some((w) => w.body.webhook_code === 'SYNC_UPDATES_AVAILABLE')).toBe(false);
      const first = await h.syncAll(accessToken);
      receiver.received.length = 0;

      await h.advanceClock(4);
      const [sync] = await receiver.waitFor((w) => w.body.webhook_code === 'SYNC_UPDATES_AVAILABLE');
      expect(sync!.body).toMatchObject({
        item_id: itemId,
        initial_update_complete: true,
        historical_update_complete: true,
      });
      const update = await h.syncAll(accessToken, first.cursor);
      const [fresh] = await receiver.waitFor((w) => w.body.webhook_code === 'DEFAULT_UPDATE');
      expect(fresh!.body.new_transactions).toBe(update.added.length);
      const [removed] = await receiver.waitFor((w) => w.body.webhook_code === 'TRANSACTIONS_REMOVED');
      expect([...(removed!.body.removed_transactions as string[])].sort()).toEqual(
        update.removed.map((r) => r.transaction_id).sort(),
      );
    } finally {
      await receiver.close();
    }
  });
});

describe('targeted mutations', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plaid-sim-mutations-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  interface Mutated {
    transaction_id: string | null;
    added: string[];
    modified: string[];
    removed: string[];
  }

  it('adds, modifies, posts and removes rows; sync and the truth follow, and the state file keeps it', async () => {
    const statePath = join(dir, 'state.json');
    let h = await startHarness({ clock: CLOCK, statePath });
    const { accessToken, itemId } = await h.linkItem({ daysRequested: 30 });
    const client = new Client();
    client.apply(await h.syncAll(accessToken));
    const mutate = (body: Record<string, unknown>) =>
      h.admin<Mutated>('POST', `/__sim/items/${itemId}/transactions`, body);
    const step = async (body: Record<string, unknown>) => {
      const result = await mutate(body);
      const update = await h.syncAll(accessToken, client.cursor, 7);
      expect({
        added: update.added.map((t) => t.transaction_id).sort(),
        modified: update.modified.map((t) => t.transaction_id).sort(),
        removed: update.removed.map((t) => t.transaction_id).sort(),
      }).toEqual({
        added: [...result.added].sort(),
        modified: [...result.modified].sort(),
        removed: [...result.removed].sort(),
      });
      client.apply(update);
      client.expectTruth(await h.truth(itemId));
      return { result, update };
    };

    const added = await step({
      op: 'add',
      transaction: { date: CLOCK, amount: 42.5, name: 'Corner Bakery', pending: true },
    });
    const bakery = added.update.added[0]!;
    expect(bakery).toMatchObject({ amount: 42.5, name: 'Corner Bakery', pending: true, date: CLOCK });
    const changed = await step({
      op: 'modify',
      transaction_id: bakery.transaction_id,
      changes: { amount: 45.1 },
    });
    expect(changed.update.modified[0]).toMatchObject({ transaction_id: bakery.transaction_id, amount: 45.1 });
    const posted = await step({ op: 'post', transaction_id: bakery.transaction_id });
    expect(posted.update.removed.map((r) => r.transaction_id)).toEqual([bakery.transaction_id]);
    expect(posted.update.added[0]).toMatchObject({
      pending: false,
      pending_transaction_id: bakery.transaction_id,
    });

    const generated = [...client.held.values()].find((t) => !t.pending && t.amount > 20)!;
    await step({
      op: 'modify',
      transaction_id: generated.transaction_id,
      changes: { name: 'Renamed by test' },
    });
    const pending = [...client.held.values()].find(
      (t) => t.pending && t.transaction_id !== bakery.transaction_id,
    )!;
    await step({ op: 'post', transaction_id: pending.transaction_id });
    await step({ op: 'remove', transaction_id: posted.update.added[0]!.transaction_id });
    await expect(mutate({ op: 'remove', transaction_id: bakery.transaction_id })).rejects.toThrow(
      /INVALID_FIELD/,
    );

    // A mutation in the middle of a pagination invalidates it, as Plaid's data changes do.
    const { data: page } = await h.plaid.transactionsSync({ access_token: accessToken, count: 5 });
    await mutate({ op: 'add', transaction: { date: CLOCK, amount: -10, name: 'Refund' } });
    const broken = await plaidFailure(
      h.plaid.transactionsSync({ access_token: accessToken, cursor: page.next_cursor, count: 5 }),
    );
    expect(broken.data.error_code).toBe('TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION');
    client.apply(await h.syncAll(accessToken, client.cursor));

    // The state file holds small records, never generated data or tokens; a restart replays them.
    const text = readFileSync(statePath, 'utf8');
    expect(text).toContain('Corner Bakery');
    expect(text).not.toContain(generated.transaction_id);
    expect(text).not.toContain(accessToken);
    const truth = await h.truth(itemId);
    await h.close();
    h = await startHarness({ clock: CLOCK, statePath });
    try {
      expect(await h.truth(itemId)).toEqual(truth);
      const after = await h.syncAll(accessToken, client.cursor);
      expect([after.added, after.modified, after.removed]).toEqual([[], [], []]);
    } finally {
      await h.close();
    }
  });
});
