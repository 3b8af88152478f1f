/**
 * Institution status through the real core: a degraded institution set in the simulator shows on
 * its Item in `items.list` after a sync, and goes once it is healthy again and the 15-minute cache
 * has run out.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sim/index';
import type { Core } from '../../src/main/services/core';
import { INSTITUTION_STATUS_TTL_MS } from '../../src/main/services/items/institution-status';
import type { Item } from '../../src/shared/api';
import { requireTestKeyring } from '../support/keyring';
import {
  call,
  FIRST_PLATYPUS,
  forgetSecrets,
  openTestCore,
  SimAdmin,
  startTestSimulator,
  tempDir,
} from './helpers';

let sim: RunningSimulator;
let core: Core | null = null;
const dirs: string[] = [];

beforeAll(async () => {
  requireTestKeyring();
  sim = await startTestSimulator();
});
afterAll(async () => {
  await core?.close();
  await sim.close();
  for (const d of dirs) {
    await forgetSecrets(d);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

async function setStatus(method: 'POST' | 'DELETE', body?: Record<string, string>): Promise<void> {
  await new SimAdmin(sim).request(method, `/__sim/institutions/${FIRST_PLATYPUS}/status`, body);
}

async function item(itemId: string): Promise<Item> {
  const { items } = await call<{ items: Item[] }>(core!, 'items.list');
  const found = items.find((i) => i.id === itemId);
  if (!found) throw new Error(`no item ${itemId}`);
  return found;
}

async function sync(itemId: string): Promise<void> {
  const { results } = await call<{ results: { status: string }[] }>(core!, 'sync.run', { itemId });
  expect(results.map((r) => r.status)).toEqual(['ok']);
}

/** Calls to /institutions/get_by_id the simulator has answered so far (it keeps their bodies). */
async function statusLookups(): Promise<number> {
  const { requests } = (await new SimAdmin(sim).request('GET', '/__sim/requests')) as {
    requests: Record<string, unknown[] | undefined>;
  };
  return requests['/institutions/get_by_id']?.length ?? 0;
}

describe('institution status on items.list', () => {
  it('shows a degraded institution after a sync, and drops it once healthy and the cache ran out', async () => {
    let t = Date.parse('2026-03-01T12:00:00Z');
    const dataDir = tempDir();
    dirs.push(dataDir);
    core = await openTestCore({
      dataDir,
      sim,
      testing: {
        now: () => t,
        sleep: async (ms) => {
          t += ms;
        },
      },
    });
    const outcome = await core.linkSandboxItem(FIRST_PLATYPUS);
    if (outcome.status !== 'linked') throw new Error('not linked');
    const itemId = outcome.itemId;
    expect(outcome.sync?.status).toBe('ok');
    // The first sync looked the institution up: healthy, so nothing is shown.
    expect((await item(itemId)).institutionStatus).toBeNull();

    await setStatus('POST', { transactions_updates: 'DEGRADED' });
    // Within the cache window a sync does not ask again (the endpoint is rate limited at Plaid).
    const asked = await statusLookups();
    expect(asked).toBeGreaterThan(0);
    await sync(itemId);
    expect(await statusLookups()).toBe(asked);
    expect((await item(itemId)).institutionStatus).toBeNull();

    t += INSTITUTION_STATUS_TTL_MS;
    await sync(itemId);
    const degraded = await item(itemId);
    expect(degraded.institutionStatus).toEqual({
      state: 'degraded',
      message: 'First Platypus Bank is having problems: transaction updates are delayed.',
    });
    // The Item itself is fine: the banner is about the bank, not this connection.
    expect(degraded).toMatchObject({ health: 'ok', healthMessage: null });

    // Recovered at the bank: still shown until the cached answer is 15 minutes old.
    await setStatus('POST', { transactions_updates: 'HEALTHY' });
    t += INSTITUTION_STATUS_TTL_MS - 1;
    await sync(itemId);
    expect((await item(itemId)).institutionStatus?.state).toBe('degraded');
    t += 1;
    await sync(itemId);
    expect((await item(itemId)).institutionStatus).toBeNull();

    // Down, then reset with DELETE: the same path, the stronger state.
    await setStatus('POST', { item_logins: 'DOWN' });
    t += INSTITUTION_STATUS_TTL_MS;
    await sync(itemId);
    expect((await item(itemId)).institutionStatus).toEqual({
      state: 'down',
      message: 'First Platypus Bank is having problems: logins are failing.',
    });
    await setStatus('DELETE');
    t += INSTITUTION_STATUS_TTL_MS;
    await sync(itemId);
    expect((await item(itemId)).institutionStatus).toBeNull();
  }, 120_000);
});
