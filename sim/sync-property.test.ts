/**
 * Property: a client that applies exactly what /transactions/sync returns, restarting a pagination
 * from its starting cursor whenever Plaid says the data moved, holds the truth after every
 * drained sync, whatever the sequence of clock advances and admin mutations (also between pages).
 */
import fc from 'fast-check';
import type { Transaction } from 'plaid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type SimHarness } from './testing';

type Step =
  | { kind: 'advance'; days: number }
  | { kind: 'add'; cents: number; pending: boolean }
  | { kind: 'modify' | 'remove' | 'post'; pick: number; cents: number }
  | { kind: 'sync'; midway: 'none' | 'advance' | 'add' | 'modify'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 9 }) }),
  fc.record({
    kind: fc.constant('add' as const),
    cents: fc.integer({ min: -50_000, max: 50_000 }).filter((n) => n !== 0),
    pending: fc.boolean(),
  }),
  fc.record({
    kind: fc.constantFrom('modify' as const, 'remove' as const, 'post' as const),
    pick: fc.nat(),
    cents: fc.integer({ min: 1, max: 90_000 }),
  }),
  fc.record({
    kind: fc.constant('sync' as const),
    midway: fc.constantFrom('none' as const, 'advance' as const, 'add' as const, 'modify' as const),
    pick: fc.nat(),
  }),
);

describe('sync property', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness({ clock: '2026-03-15', statePath: null });
  });
  afterAll(() => h.close());

  it('a perfect client equals the truth after every drained sync', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
        const { accessToken, itemId } = await h.linkItem({ daysRequested: 20 });
        const held = new Map<string, Transaction>();
        let cursor = '';
        const truth = () => h.truth(itemId);
        const mutate = (body: Record<string, unknown>) =>
          h.admin('POST', `/__sim/items/${itemId}/transactions`, body);
        const pickRow = async (n: number, pendingOnly: boolean) => {
          const rows = (await truth()).filter((t) => !pendingOnly || t.pending);
          return rows.length ? rows[n % rows.length]! : null;
        };

        /** Like the app's engine: pages committed as they come; rows only an abandoned attempt wrote are dropped at the end. */
        const gens = new Map<string, number>();
        let gen = 0;
        const sync = async (midway: () => Promise<void>) => {
          let interfered = false;
          const start = cursor;
          const abandoned: number[] = [];
          for (let attempt = 0; attempt < 5; attempt++) {
            gen++;
            let next = start;
            try {
              for (;;) {
                const { data } = await h.plaid.transactionsSync({
                  access_token: accessToken,
                  cursor: next,
                  count: 7,
                });
                for (const r of data.removed) {
                  held.delete(r.transaction_id);
                  gens.delete(r.transaction_id);
                }
                for (const t of [...data.modified, ...data.added]) {
                  held.set(t.transaction_id, t);
                  gens.set(t.transaction_id, gen);
                }
                next = data.next_cursor;
                if (!data.has_more) break;
                if (!interfered) {
                  interfered = true;
                  await midway();
                }
              }
            } catch (err) {
              const code = (err as { response?: { data?: { error_code?: string } } }).response?.data
                ?.error_code;
              if (code === 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION') {
                abandoned.push(gen);
                continue;
              }
              throw err;
            }
            for (const [id, g] of gens)
              if (abandoned.includes(g)) {
                held.delete(id);
                gens.delete(id);
              }
            cursor = next;
            const expected = await truth();
            expect([...held.keys()].sort()).toEqual(expected.map((t) => t.transaction_id).sort());
            for (const t of expected)
              expect(held.get(t.transaction_id)).toMatchObject({
                amount: t.amount,
                name: t.name,
                pending: t.pending,
              });
            return;
          }
          throw new Error('sync never settled');
        };

        for (const s of steps) {
          switch (s.kind) {
            case 'advance':
              await h.advanceClock(s.days);
              break;
            case 'add':
              await mutate({
                op: 'add',
                transaction: {
                  date: '2026-03-15',
                  amount: s.cents / 100,
                  name: `Row ${s.cents}`,
                  pending: s.pending,
                },
              });
              break;
            case 'modify':
            case 'remove':
            case 'post': {
              const row = await pickRow(s.pick, s.kind === 'post');
              if (!row) break;
              await mutate(
                s.kind === 'modify'
                  ? { op: 'modify', transaction_id: row.transaction_id, changes: { amount: s.cents / 100 } }
                  : { op: s.kind, transaction_id: row.transaction_id },
              );
              break;
            }
            case 'sync':
              await sync(async () => {
                if (s.midway === 'advance') await h.advanceClock(1);
                if (s.midway === 'add')
                  await mutate({
                    op: 'add',
                    transaction: { date: '2026-03-15', amount: 1.23, name: 'Midway' },
                  });
                if (s.midway === 'modify') {
                  const row = await pickRow(s.pick, false);
                  if (row)
                    await mutate({
                      op: 'modify',
                      transaction_id: row.transaction_id,
                      changes: { name: 'Midway name' },
                    });
                }
              });
              break;
          }
        }
        await sync(async () => {});
      }),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 25),
        ...(process.env.PROPERTY_SEED ? {} : { seed: 424242 }),
      },
    );
  });
});
