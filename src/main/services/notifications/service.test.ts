/**
 * The notifications service over a real ledger with a fake clock: a card's due date raises one
 * reminder per threshold however often the sources are evaluated, none once the payment posted;
 * a bank wanting a new login raises one per episode; a webhook's sync raises one for all its rows;
 * a kind turned off raises nothing; what was raised while nobody looked stays unseen until marked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../../shared/api';
import type { AppNotification } from '../../../shared/contract/notifications';
import { insertItem, upsertAccounts } from '../items/store';
import { openLedger, type Ledger } from '../ledger/ledger';
import { createFileLogger } from '../log/logger';
import { Redactor } from '../plaid/redact';
import { createNotificationService } from './service';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup(startDay: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-notify-'));
  dirs.push(dir);
  const ledger = openLedger(path.join(dir, 'l.sqlite'));
  ledger.write(() => {
    insertItem(ledger, { itemId: 'i', institutionId: null, institutionName: 'First Platypus Bank' });
    upsertAccounts(ledger, [
      {
        accountId: 'card',
        itemId: 'i',
        name: 'Platypus Card',
        officialName: null,
        mask: '3333',
        type: 'credit',
        subtype: 'credit card',
        currency: 'USD',
        currentMinor: 41_000,
        availableMinor: null,
        limitMinor: 200_000,
      },
    ]);
    ledger.db
      .prepare(
        `INSERT INTO liabilities (account_id, item_id, kind, currency, next_payment_due_date, amount_due_minor,
           last_statement_balance_minor, last_statement_issue_date, last_payment_date, last_payment_minor,
           is_overdue, detail_json, updated_at)
         VALUES ('card', 'i', 'credit', 'USD', '2026-03-20', 2500, 41000, '2026-02-28', '2026-02-20', 30000, 0,
           '{"kind":"credit","aprs":[]}', 'now')`,
      )
      .run();
  });
  const clock = { ms: Date.parse(`${startDay}T12:00:00`) };
  const emitted: AppNotification[] = [];
  let items: Item[] = [];
  const service = createNotificationService({
    ledger,
    log: createFileLogger({ file: path.join(dir, 'log.jsonl'), redactor: new Redactor() }),
    emit: (name, payload) => {
      if (name === 'notification.raised') emitted.push(payload as AppNotification);
    },
    items: () => items,
    now: () => clock.ms,
  });
  const setDay = (day: string) => (clock.ms = Date.parse(`${day}T12:00:00`));
  const setItems = (next: Item[]) => (items = next);
  return { ledger, service, emitted, setDay, setItems };
}

const pay = (ledger: Ledger, date: string, minor: number) =>
  ledger.write(() =>
    ledger.db
      .prepare(
        `INSERT INTO transactions (transaction_id, account_id, item_id, date, name, amount_minor, currency, pending, updated_at)
         VALUES (?, 'card', 'i', ?, 'Payment, thank you', ?, 'USD', 0, 'now')`,
      )
      .run(`pay-${date}`, date, -minor),
  );

const item = (over: Partial<Item>): Item => ({
  id: 'i',
  institutionId: 'ins_109508',
  institutionName: 'First Platypus Bank',
  status: 'ok',
  lastSyncedAt: null,
  error: null,
  persistent: true,
  health: 'ok',
  healthSince: null,
  healthMessage: null,
  remedy: null,
  noLongerRefreshing: false,
  newAccountsAvailable: false,
  removedAt: null,
  institutionStatus: null,
  products: [],
  ...over,
});

const list = async (s: ReturnType<typeof setup>['service'], unseenOnly = true) =>
  (await s.handlers['notifications.list']({ unseenOnly, limit: 50 })).notifications;

describe('notifications', () => {
  it('reminds once per threshold before a due date, however often evaluated, and stops once paid', async () => {
    const { ledger, service, emitted, setDay } = setup('2026-03-12');
    expect(service.evaluate()).toEqual([]);

    setDay('2026-03-13');
    const [first] = service.evaluate();
    expect(first).toMatchObject({
      kind: 'payment-due',
      title: 'Platypus Card: payment due in 7 days',
      body: '$25.00 is due on 2026-03-20 (First Platypus Bank).',
      target: 'upcoming-payments',
      accountId: 'card',
      seenAt: null,
    });
    expect(service.evaluate()).toEqual([]);
    setDay('2026-03-15');
    expect(service.evaluate()).toEqual([]);

    setDay('2026-03-17');
    expect(service.evaluate().map((n) => n.title)).toEqual(['Platypus Card: payment due in 3 days']);
    expect(emitted.map((n) => n.id)).toEqual((await list(service)).map((n) => n.id).reverse());

    pay(ledger, '2026-03-18', 41_000);
    setDay('2026-03-19');
    expect(service.evaluate()).toEqual([]);
    expect(emitted).toHaveLength(2);
  });

  it('catches up at the next start: the current threshold only, kept unseen until marked', async () => {
    const { service, setDay } = setup('2026-03-01');
    // The app was closed from the 1st to the 19th: one reminder, the 1-day one, not three.
    setDay('2026-03-19');
    expect(service.evaluate().map((n) => n.title)).toEqual(['Platypus Card: payment due tomorrow']);
    const unseen = await list(service);
    expect(unseen).toHaveLength(1);
    await service.handlers['notifications.markSeen']({ ids: [unseen[0]!.id] });
    expect(await list(service)).toEqual([]);
    expect((await list(service, false))[0]!.seenAt).not.toBeNull();
  });

  it('raises one "sign in again" per episode, and a new one when the bank asks again later', () => {
    const { service, setItems } = setup('2026-03-01');
    setItems([item({})]);
    expect(service.evaluate()).toEqual([]);
    setItems([
      item({
        health: 'login_required',
        healthSince: '2026-03-01T10:00:00Z',
        healthMessage: 'Sign in again.',
      }),
    ]);
    expect(service.evaluate()).toMatchObject([
      {
        kind: 'reauth-needed',
        title: 'First Platypus Bank needs you to sign in again',
        body: 'Sign in again.',
        target: 'attention',
        itemId: 'i',
      },
    ]);
    expect(service.evaluate()).toEqual([]);
    setItems([item({})]);
    expect(service.evaluate()).toEqual([]);
    setItems([item({ health: 'pending_expiration', healthSince: '2026-04-01T10:00:00Z' })]);
    expect(service.evaluate().map((n) => n.title)).toEqual([
      'First Platypus Bank: access ends soon unless you sign in again',
    ]);
  });

  it('says "new transactions" once per sync that brought rows, not per row, and not for a sync with none', () => {
    const { service, setItems } = setup('2026-03-01');
    setItems([item({})]);
    const result = { itemId: 'i', status: 'ok' as const, modified: 0, removed: 0, pages: 1, error: null };
    expect(service.afterWebhookSync([{ ...result, added: 0 }])).toEqual([]);
    expect(service.afterWebhookSync([{ ...result, added: 1234 }])).toMatchObject([
      { kind: 'new-transactions', title: '1,234 new transactions', body: 'From First Platypus Bank.' },
    ]);
  });

  it('raises nothing of a kind turned off, and reminds at the days the user chose', async () => {
    const { service, setDay } = setup('2026-03-06');
    await service.handlers['notifications.setPreferences']({ enabled: { 'payment-due': false } });
    setDay('2026-03-13');
    expect(service.evaluate()).toEqual([]);
    const prefs = await service.handlers['notifications.setPreferences']({
      enabled: { 'payment-due': true },
      reminderDays: [2, 14, 14],
    });
    expect(prefs).toEqual({
      enabled: { 'new-transactions': true, 'reauth-needed': true, 'payment-due': true },
      reminderDays: [14, 2],
    });
    // Turning it back on raised the 14-day reminder at once; the 7-day one no longer exists.
    expect((await list(service)).map((n) => n.title)).toEqual(['Platypus Card: payment due in 7 days']);
    expect(await service.handlers['notifications.preferences']({})).toEqual(prefs);
  });
});
