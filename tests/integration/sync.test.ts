import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/services/core';
import type { PageInfo } from '../../src/main/services/ingest/transactions/sync';
import type { LinkOutcome, SyncResult } from '../../src/shared/api';
import { requireTestKeyring } from '../support/keyring';
import {
  allTransactions,
  call,
  FIRST_PLATYPUS,
  forgetSecrets,
  ledgerOf,
  openTestCore,
  recordEvents,
  SimAdmin,
  startTestSimulator,
  syncStateRow,
  tempDir,
  truthOf,
} from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
beforeAll(() => requireTestKeyring());

async function setup(testing: Parameters<typeof openTestCore>[0]['testing'] = {}) {
  const sim = await startTestSimulator();
  const dataDir = tempDir();
  const core = await openTestCore({ dataDir, sim, testing });
  cleanups.push(
    () => sim.close(),
    () => fs.rmSync(dataDir, { recursive: true, force: true }),
    () => forgetSecrets(dataDir),
    () => core.close(),
  );
  return { sim, dataDir, core, admin: new SimAdmin(sim) };
}

function linked(outcome: LinkOutcome) {
  if (outcome.status !== 'linked') throw new Error(`expected a linked Item, got ${JSON.stringify(outcome)}`);
  return outcome;
}

async function syncOne(core: Core, itemId: string): Promise<SyncResult> {
  const { results } = await call<{ results: SyncResult[] }>(core, 'sync.run', { itemId });
  expect(results).toHaveLength(1);
  return results[0]!;
}

describe('transactions sync against the simulator', () => {
  it('after a full sync the ledger equals the truth, and a second sync changes nothing', async () => {
    const { core, admin } = await setup();
    const events = recordEvents(core);
    const outcome = linked(await core.linkSandboxItem(FIRST_PLATYPUS));
    expect(outcome.institutionName).toBe('First Platypus Bank');
    expect(outcome.accounts).toBeGreaterThanOrEqual(3);
    expect(outcome.sync).toMatchObject({ status: 'ok', error: null });

    const truth = await truthOf(admin, outcome.itemId);
    expect(truth.length).toBeGreaterThan(500);
    expect(truth.some((t) => t.pending)).toBe(true);
    const ledger = await ledgerOf(core, outcome.itemId);
    expect(ledger).toEqual(truth);
    expect(outcome.sync?.added).toBe(truth.length);
    // 24 months at count 500 take several pages.
    expect(outcome.sync?.pages).toBeGreaterThan(1);

    const second = await syncOne(core, outcome.itemId);
    expect(second).toMatchObject({ status: 'ok', added: 0, modified: 0, removed: 0, error: null });
    expect(await ledgerOf(core, outcome.itemId)).toEqual(ledger);

    const { items } = await call<{ items: { id: string; status: string; lastSyncedAt: string | null }[] }>(
      core,
      'items.list',
    );
    expect(items).toEqual([
      expect.objectContaining({ id: outcome.itemId, status: 'ok', lastSyncedAt: expect.any(String) }),
    ]);
    const progress = events
      .filter((e) => e.name === 'sync.progress')
      .map((e) => (e.payload as { phase: string }).phase);
    expect(progress[0]).toBe('starting');
    expect(progress).toContain('applying');
    expect(progress.at(-1)).toBe('done');
    expect(events.some((e) => e.name === 'ledger.changed')).toBe(true);
    expect(syncStateRow(core.info().dataDir, outcome.itemId)).toMatchObject({ loop_start_cursor: null });
  });

  it('after the clock moves three days, a sync again equals the truth', async () => {
    const { core, admin } = await setup();
    const { itemId } = linked(await core.linkSandboxItem(FIRST_PLATYPUS));
    const before = await truthOf(admin, itemId);
    await admin.advance(3);
    const after = await truthOf(admin, itemId);
    expect(after).not.toEqual(before);
    const result = await syncOne(core, itemId);
    expect(result.status).toBe('ok');
    expect(result.added + result.modified + result.removed).toBeGreaterThan(0);
    expect(await ledgerOf(core, itemId)).toEqual(after);
  });

  it('a change during pagination restarts the loop from its start cursor and ends equal to the truth', async () => {
    let onPage: ((info: PageInfo) => Promise<void>) | null = null;
    const pages: PageInfo[] = [];
    const { core, admin } = await setup({
      syncPageSize: 25,
      syncHooks: {
        afterPage: async (info) => {
          pages.push(info);
          await onPage?.(info);
        },
      },
    });
    const { itemId } = linked(await core.linkSandboxItem(FIRST_PLATYPUS));
    // Enough new activity for several pages of 25, then a mutation between the first two.
    await admin.advance(20);
    pages.length = 0;
    let mutated = false;
    onPage = async (info) => {
      if (!mutated && info.attempt === 1 && info.page === 1 && info.hasMore) {
        mutated = true;
        await admin.advance(3);
      }
    };
    await admin.slowSyncPages(150);
    const result = await syncOne(core, itemId);
    await admin.slowSyncPages(0);
    expect(mutated).toBe(true);
    expect(result.status).toBe('ok');
    expect(pages.some((p) => p.attempt === 2 && p.page === 1)).toBe(true);
    expect(await ledgerOf(core, itemId)).toEqual(await truthOf(admin, itemId));
    expect(syncStateRow(core.info().dataDir, itemId)).toMatchObject({ loop_start_cursor: null });
  });

  it('a crash between pages loses and duplicates nothing: the next sync ends equal to the truth', async () => {
    let crashAt: number | null = 3;
    const sim = await startTestSimulator();
    const admin = new SimAdmin(sim);
    const dataDir = tempDir();
    cleanups.push(
      () => sim.close(),
      () => fs.rmSync(dataDir, { recursive: true, force: true }),
      () => forgetSecrets(dataDir),
    );
    const testing = {
      syncPageSize: 100,
      syncHooks: {
        afterPage: (info: PageInfo) => {
          if (info.page === crashAt) throw new Error('simulated crash between pages');
        },
      },
    };
    const first = await openTestCore({ dataDir, sim, testing });
    const outcome = linked(await first.linkSandboxItem(FIRST_PLATYPUS));
    expect(outcome.sync).toMatchObject({ status: 'error', pages: 3 });
    const itemId = outcome.itemId;
    const partial = await ledgerOf(first, itemId);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan((await truthOf(admin, itemId)).length);
    // The loop's start cursor was committed before the first page and survives the crash.
    expect(syncStateRow(dataDir, itemId)?.loop_start_cursor).toBe('');
    await first.close();

    // The world moves on while the app is down; a fresh process resumes.
    await admin.advance(2);
    crashAt = null;
    const second = await openTestCore({ dataDir, sim, testing });
    cleanups.push(() => second.close());
    const { items } = await call<{ items: { status: string; error: unknown }[] }>(second, 'items.list');
    expect(items[0]).toMatchObject({
      status: 'error',
      error: expect.objectContaining({ error_code: 'INTERNAL' }),
    });
    const result = await syncOne(second, itemId);
    expect(result.status).toBe('ok');
    expect(await ledgerOf(second, itemId)).toEqual(await truthOf(admin, itemId));
    expect(syncStateRow(dataDir, itemId)).toMatchObject({ loop_start_cursor: null });
    const after = await call<{ items: { status: string; error: unknown }[] }>(second, 'items.list');
    expect(after.items[0]).toMatchObject({ status: 'ok', error: null });
  });

  it('rows that only an abandoned attempt added, and that vanish before the resume, are dropped', async () => {
    const sim = await startTestSimulator();
    const admin = new SimAdmin(sim);
    const dataDir = tempDir();
    cleanups.push(
      () => sim.close(),
      () => fs.rmSync(dataDir, { recursive: true, force: true }),
      () => forgetSecrets(dataDir),
    );
    const linker = await openTestCore({ dataDir, sim });
    const { itemId } = linked(await linker.linkSandboxItem(FIRST_PLATYPUS));
    await linker.close();

    // New pending rows arrive last in a sync; crash on the first page that committed one.
    await admin.advance(3);
    let baseline: Set<string> | null = null;
    let crashed = false;
    const crasher = await openTestCore({
      dataDir,
      sim,
      testing: {
        syncPageSize: 2,
        syncHooks: {
          afterPage: async (info: PageInfo) => {
            const pending = (await allTransactions(crasher)).filter((t) => t.pending).map((t) => t.id);
            baseline ??= new Set(pending);
            if (info.hasMore && pending.some((id) => !baseline!.has(id))) {
              crashed = true;
              throw new Error('simulated crash between pages');
            }
          },
        },
      },
    });
    const first = await syncOne(crasher, itemId);
    await crasher.close();
    expect(crashed).toBe(true);
    expect(first.status).toBe('error');

    // Those pending rows post (new ids) before the app comes back: the resumed loop never names them.
    await admin.advance(5);
    const resumer = await openTestCore({ dataDir, sim });
    cleanups.push(() => resumer.close());
    expect(await syncOne(resumer, itemId)).toMatchObject({ status: 'ok' });
    expect(await ledgerOf(resumer, itemId)).toEqual(await truthOf(admin, itemId));
  });
});
