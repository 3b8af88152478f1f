/**
 * Property: whatever sequence of simulated-time steps and targeted changes happens at the bank
 * (add, modify, remove, post, changes between the pages of a sync, injected
 * TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION), after every successful sync the ledger equals
 * the simulator's truth, with nothing duplicated, and every note the user wrote is still on its
 * row (or on the posted successor of a pending row).
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/services/core';
import type { PageInfo } from '../../src/main/services/ingest/transactions/sync';
import type { SyncResult, Transaction } from '../../src/shared/api';
import type { RunningSimulator } from '../../sim/index';
import { requireTestKeyring } from '../support/keyring';
import {
  call,
  FIRST_PLATYPUS,
  forgetSecrets,
  ledgerOf,
  openTestCore,
  startTestSimulator,
  tempDir,
  truthOf,
  SimAdmin,
} from './helpers';

type Step =
  | { kind: 'advance'; days: number }
  | { kind: 'add'; amount: number; pending: boolean; account: number }
  | { kind: 'modify'; pick: number; amount: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'post'; pick: number }
  | { kind: 'note'; pick: number }
  | { kind: 'sync' }
  | { kind: 'sync-mutating'; op: 'add' | 'advance' }
  | { kind: 'sync-faulty'; rate: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('add' as const),
    amount: fc.integer({ min: -50_000, max: 50_000 }).filter((n) => n !== 0),
    pending: fc.boolean(),
    account: fc.nat(2),
  }),
  fc.record({
    kind: fc.constant('modify' as const),
    pick: fc.nat(),
    amount: fc.integer({ min: 1, max: 90_000 }),
  }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('post' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('note' as const), pick: fc.nat() }),
  fc.constant({ kind: 'sync' as const }),
  fc.record({
    kind: fc.constant('sync-mutating' as const),
    op: fc.constantFrom('add' as const, 'advance' as const),
  }),
  fc.record({ kind: fc.constant('sync-faulty' as const), rate: fc.constantFrom(0.1, 0.25) }),
);

let sim: RunningSimulator;
let admin: SimAdmin;
let core: Core;
let dataDir: string;
let onPage: ((info: PageInfo) => Promise<void>) | null = null;
/** Coverage of the interesting paths over all runs: pages applied by a restarted attempt, notes carried. */
let restartedPages = 0;
let notesCarried = 0;

const adminCall = (method: 'GET' | 'POST' | 'DELETE', pathname: string, body?: unknown) =>
  admin.request(method, pathname, body);

beforeAll(async () => {
  requireTestKeyring();
  sim = await startTestSimulator();
  admin = new SimAdmin(sim);
  dataDir = tempDir();
  core = await openTestCore({
    dataDir,
    sim,
    testing: {
      syncPageSize: 9,
      syncHooks: {
        afterPage: async (info) => {
          if (info.attempt > 1) restartedPages++;
          await onPage?.(info);
        },
      },
    },
  });
  // Small Items keep each run quick; the sequences, not the volume, are what is being tested.
  await adminCall('POST', '/__sim/config', { transactions_per_item: 150 });
});

afterAll(async () => {
  await core?.close();
  await forgetSecrets(dataDir);
  await sim?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface RawTruth {
  transaction_id: string;
  account_id: string;
  pending: boolean;
  pending_transaction_id: string | null;
}

async function rawTruth(itemId: string): Promise<RawTruth[]> {
  const { transactions } = (await adminCall(
    'GET',
    `/__sim/truth/transactions?item_id=${encodeURIComponent(itemId)}`,
  )) as { transactions: RawTruth[] };
  return [...transactions].sort((a, b) => (a.transaction_id < b.transaction_id ? -1 : 1));
}

async function today(): Promise<string> {
  return ((await adminCall('GET', '/__sim/clock')) as { today: string }).today;
}

async function mutate(itemId: string, body: Record<string, unknown>): Promise<void> {
  await adminCall('POST', `/__sim/items/${itemId}/transactions`, body);
}

describe('sync against random sequences of bank-side changes', () => {
  it(
    'ends every successful sync equal to the truth, keeping the user’s notes',
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 12 }), async (steps) => {
          const outcome = await core.linkSandboxItem(FIRST_PLATYPUS);
          if (outcome.status !== 'linked') throw new Error('link failed');
          const { itemId } = outcome;
          /** Transaction id → the note the user wrote on it. */
          const notes = new Map<string, string>();

          const pick = async (n: number, pendingOnly = false) => {
            const rows = (await rawTruth(itemId)).filter((t) => !pendingOnly || t.pending);
            return rows.length === 0 ? null : rows[n % rows.length]!;
          };

          const check = async () => {
            const ledger = await ledgerOf(core, itemId);
            expect(new Set(ledger.map((t) => t.id)).size).toBe(ledger.length);
            expect(ledger).toEqual(await truthOf(admin, itemId));
            const truth = await rawTruth(itemId);
            for (const [id, note] of notes) {
              const holder =
                truth.find((t) => t.transaction_id === id) ??
                truth.find((t) => t.pending_transaction_id === id);
              if (!holder) continue; // removed at the bank (no successor yet, or none ever)
              const row = await call<Transaction>(core, 'transactions.get', { id: holder.transaction_id });
              expect(row.note).toBe(note);
              if (holder.transaction_id !== id) notesCarried++;
            }
          };

          const syncNow = async (): Promise<boolean> => {
            const { results } = await call<{ results: SyncResult[] }>(core, 'sync.run', { itemId });
            return results[0]?.status === 'ok';
          };

          for (const s of steps) {
            switch (s.kind) {
              case 'advance':
                await admin.advance(s.days);
                break;
              case 'add': {
                const accounts = [...new Set((await rawTruth(itemId)).map((t) => t.account_id))].sort();
                await mutate(itemId, {
                  op: 'add',
                  transaction: {
                    account_id: accounts[s.account % accounts.length],
                    date: await today(),
                    amount: s.amount / 100,
                    name: `Property row ${s.amount}`,
                    pending: s.pending,
                  },
                });
                break;
              }
              case 'modify': {
                const t = await pick(s.pick);
                if (t)
                  await mutate(itemId, {
                    op: 'modify',
                    transaction_id: t.transaction_id,
                    changes: { amount: s.amount / 100 },
                  });
                break;
              }
              case 'remove': {
                const t = await pick(s.pick);
                if (t) await mutate(itemId, { op: 'remove', transaction_id: t.transaction_id });
                break;
              }
              case 'post': {
                const t = await pick(s.pick, true);
                if (t) await mutate(itemId, { op: 'post', transaction_id: t.transaction_id });
                break;
              }
              case 'note': {
                // Only rows the ledger holds can be edited.
                const ledger = await ledgerOf(core, itemId);
                if (ledger.length === 0) break;
                const row = ledger[s.pick % ledger.length]!;
                const note = `note ${notes.size + 1}`;
                await call(core, 'transactions.update', { id: row.id, note });
                notes.set(row.id, note);
                break;
              }
              case 'sync':
                if (await syncNow()) await check();
                break;
              case 'sync-mutating': {
                let done = false;
                onPage = async (info) => {
                  if (done || !info.hasMore) return;
                  done = true;
                  if (s.op === 'advance') await admin.advance(1);
                  else
                    await mutate(itemId, {
                      op: 'add',
                      transaction: { date: await today(), amount: 12.34, name: 'Mid-pagination row' },
                    });
                };
                try {
                  // The engine fetches page n+1 while it applies page n, so a change made after the
                  // last page was fetched belongs to the next sync, as with Plaid: sync once more.
                  if ((await syncNow()) && (await syncNow())) await check();
                } finally {
                  onPage = null;
                }
                break;
              }
              case 'sync-faulty': {
                await adminCall('POST', '/__sim/faults', {
                  rules: [{ endpoint: '/transactions/sync', rate: s.rate, kind: 'mutation' }],
                });
                let ok: boolean;
                try {
                  ok = await syncNow();
                } finally {
                  await adminCall('DELETE', '/__sim/faults');
                }
                if (ok) await check();
                break;
              }
            }
          }
          // Every run also walks the restart path once, whatever the random steps did: enough new rows
          // for several pages, and a bank-side change between them.
          // Four pages of 9, each answered after 150 ms: the engine fetches ahead while it applies,
          // so the change made once page 1 is committed lands while page 2 is still on its way.
          const before = restartedPages;
          for (let i = 0; i < 30; i++)
            await mutate(itemId, {
              op: 'add',
              transaction: { date: await today(), amount: 1 + i, name: `Tail row ${i}` },
            });
          let changed = false;
          onPage = async (info) => {
            if (changed || !info.hasMore) return;
            changed = true;
            await mutate(itemId, {
              op: 'add',
              transaction: { date: await today(), amount: 43.21, name: 'Tail mid-pagination row' },
            });
          };
          await adminCall('POST', '/__sim/faults', {
            rules: [{ endpoint: '/transactions/sync', rate: 1, kind: 'latency', ms: 150 }],
          });
          try {
            // Whatever happened, a final sync converges.
            expect(await syncNow()).toBe(true);
          } finally {
            onPage = null;
            await adminCall('DELETE', '/__sim/faults');
          }
          expect(changed).toBe(true);
          expect(restartedPages).toBeGreaterThan(before);
          await check();
        }),
        { numRuns: Number(process.env.PROPERTY_RUNS ?? 6), endOnFailure: true },
      );
      // The runs went through the paths this property is about.
      expect(restartedPages).toBeGreaterThan(0);
      console.info(
        `property coverage: ${restartedPages} pages by restarted attempts, ${notesCarried} notes carried`,
      );
    },
  );
});
