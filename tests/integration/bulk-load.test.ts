/**
 * A first sync of a long history loads without the secondary indexes and FTS triggers and builds
 * them when it ends (src/main/services/ingest/transactions/bulk-load.ts). What a user would notice if this went
 * wrong: a list that errors or is missing rows during the first sync, a search that misses rows
 * afterwards, or (after a crash) a ledger left slow or with a search index that disagrees with the
 * rows. Each is checked here against the real simulator.
 */
import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from '../../src/shared/api';
import type { PageInfo } from '../../src/main/services/ingest/transactions/sync';
import { openLedgerDb } from '../support/ledger-file';
import { requireTestKeyring } from '../support/keyring';
import { healthySchema, schemaState, type SchemaState } from '../support/ledger-schema';
import {
  allTransactions,
  call,
  FIRST_PLATYPUS,
  forgetSecrets,
  ledgerOf,
  openTestCore,
  SimAdmin,
  startTestSimulator,
  tempDir,
  truthOf,
} from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
beforeAll(() => requireTestKeyring());

function stateOf(dataDir: string): SchemaState {
  const db = openLedgerDb(dataDir, 'demo', { readonly: false });
  try {
    return schemaState(db);
  } finally {
    db.close();
  }
}

function deferredCount(dataDir: string): number {
  const db = openLedgerDb(dataDir);
  try {
    return db.prepare(`SELECT count(*) FROM deferred_schema`).pluck().get() as number;
  } finally {
    db.close();
  }
}

async function setup() {
  const sim = await startTestSimulator();
  const dataDir = tempDir('coffer-bulk-');
  cleanups.push(
    () => sim.close(),
    () => fs.rmSync(dataDir, { recursive: true, force: true }),
    () => forgetSecrets(dataDir),
  );
  return { sim, dataDir, admin: new SimAdmin(sim) };
}

type TestCore = Awaited<ReturnType<typeof openTestCore>>;

/** A word of some merchant's name in the ledger (the simulator's merchants vary by seed). */
async function aMerchantWord(core: TestCore): Promise<string> {
  const row = (await allTransactions(core)).find((t) => t.merchantName);
  const word = row?.merchantName
    ?.toLowerCase()
    .split(/[^a-z0-9]+/)
    .find((w) => w.length >= 4);
  if (!word) throw new Error('no merchant word in the ledger');
  return word;
}

/** Search finds exactly the rows whose name or merchant has the word (the FTS index is complete). */
async function expectSearchExact(core: TestCore, word: string): Promise<void> {
  const expected = (await allTransactions(core))
    .filter((t) => `${t.name} ${t.merchantName ?? ''}`.toLowerCase().includes(word))
    .map((t) => t.id)
    .sort();
  expect(expected.length).toBeGreaterThan(0);
  const found: string[] = [];
  let after: string | null = null;
  do {
    const page: { transactions: Transaction[]; next: string | null } = await call(core, 'transactions.list', {
      query: word,
      limit: 500,
      after,
    });
    found.push(...page.transactions.map((t) => t.id));
    after = page.next;
  } while (after);
  expect(found.sort()).toEqual(expected);
}

describe('first sync as a bulk load', () => {
  it('keeps the list usable during the load and ends with every index built and search exact', async () => {
    const { sim, dataDir, admin } = await setup();
    const during: { deferred: number; listed: number; error: string | null }[] = [];
    let core: Awaited<ReturnType<typeof openTestCore>> | null = null;
    core = await openTestCore({
      dataDir,
      sim,
      testing: {
        syncPageSize: 100,
        syncHooks: {
          afterPage: async (info: PageInfo) => {
            if (!info.hasMore || during.length >= 3 || !core) return;
            let listed = 0;
            let error: string | null = null;
            try {
              const page = await call<{ transactions: Transaction[] }>(core, 'transactions.list', {
                limit: 50,
                categories: ['FOOD_AND_DRINK'],
              });
              listed = page.transactions.length;
              await call(core, 'transactions.summary', { categories: ['FOOD_AND_DRINK'] });
            } catch (e) {
              error = String(e);
            }
            during.push({ deferred: deferredCount(dataDir), listed, error });
          },
        },
      },
    });
    cleanups.push(() => core?.close());
    const outcome = await core.linkSandboxItem(FIRST_PLATYPUS);
    if (outcome.status !== 'linked') throw new Error('link failed');
    expect(outcome.sync).toMatchObject({ status: 'ok', error: null });

    // The load really ran without its indexes, and the list kept answering meanwhile.
    expect(during.length).toBeGreaterThan(0);
    for (const d of during) expect(d).toMatchObject({ error: null, deferred: expect.any(Number) });
    expect(during.some((d) => d.deferred > 0)).toBe(true);
    expect(during.some((d) => d.listed > 0)).toBe(true);

    // Afterwards: the same schema as a fresh ledger, nothing deferred, FTS equal to the rows.
    expect(stateOf(dataDir)).toEqual(healthySchema());
    const truth = await truthOf(admin, outcome.itemId);
    expect(await ledgerOf(core, outcome.itemId)).toEqual(truth);
    await expectSearchExact(core, await aMerchantWord(core));
  });

  it('after a crash in the middle of the load, the next start builds the indexes and the sync finishes exact', async () => {
    const { sim, dataDir, admin } = await setup();
    const crashing = await openTestCore({
      dataDir,
      sim,
      testing: {
        syncPageSize: 100,
        syncHooks: {
          afterPage: (info: PageInfo) => {
            if (info.page >= 2 && info.hasMore) throw new Error('simulated crash during the load');
          },
        },
      },
    });
    const outcome = await crashing.linkSandboxItem(FIRST_PLATYPUS);
    await crashing.close();
    if (outcome.status !== 'linked') throw new Error('link failed');
    expect(outcome.sync?.status).toBe('error');
    expect(deferredCount(dataDir)).toBeGreaterThan(0);

    // Reopening builds what the load deferred (in the worker), before any sync.
    const core = await openTestCore({ dataDir, sim });
    cleanups.push(() => core.close());
    const deadline = Date.now() + 10_000;
    while (deferredCount(dataDir) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(stateOf(dataDir)).toEqual(healthySchema());
    // Searches see the rows written before the crash.
    await expectSearchExact(core, await aMerchantWord(core));

    const { results } = await call<{ results: { status: string }[] }>(core, 'sync.run', {
      itemId: outcome.itemId,
    });
    expect(results[0]).toMatchObject({ status: 'ok' });
    expect(await ledgerOf(core, outcome.itemId)).toEqual(await truthOf(admin, outcome.itemId));
    expect(stateOf(dataDir)).toEqual(healthySchema());
    await expectSearchExact(core, await aMerchantWord(core));
  });
});
