/**
 * The Item lifecycle against a real simulator: a login that breaks and is repaired in update mode,
 * warnings Plaid gives ahead of time, removal (nothing left in the keychain), the duplicate guard,
 * "no longer refreshing" after 7 days, and a full sync that converges through injected faults with
 * no more retries than the policy allows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sim/index';
import type { Core } from '../../src/main/services/core';
import type { CoreTestingOptions, LinkSession } from '../../src/main/services/core-types';
import { ITEM_CHECK_INTERVAL_MS, type ItemLifecycle } from '../../src/main/services/items/lifecycle';
import { readOrCreateLedgerId } from '../../src/main/services/paths';
import { defaultRetryPolicy } from '../../src/main/services/plaid/retry';
import { openKeychain } from '../../src/main/services/secrets/keychain';
import { itemTokenPurpose } from '../../src/main/services/secrets/store';
import type { Account, Item, LinkOutcome, SyncResult } from '../../src/shared/api';
import type { LinkPageResult } from '../../src/shared/link';
import {
  call,
  FIRST_PLATYPUS,
  ledgerOf,
  SimAdmin,
  simulatorSuite,
  startTestSimulator,
  truthOf,
} from './helpers';

const suite = simulatorSuite();
let sim: RunningSimulator;
let admin: SimAdmin;
beforeAll(() => {
  ({ sim, admin } = suite);
});

/** The simulator's own admin and Plaid calls this suite needs (authenticated like Plaid calls). */
const simRequest = (method: 'GET' | 'POST' | 'DELETE', pathname: string, body?: unknown, on = sim) =>
  new SimAdmin(on).request(method, pathname, body);

/** A clock that moves only when told to (or when the policy sleeps). */
function testClock(start = Date.parse('2025-03-01T12:00:00Z')) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

const freshCore = (testing: CoreTestingOptions = {}, on?: RunningSimulator) =>
  suite.freshCore({ testing, sim: on });

async function accessTokenOf(dataDir: string, itemId: string): Promise<string | null> {
  const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
  return store.get(itemTokenPurpose(itemId));
}

async function item(core: Core, itemId: string): Promise<Item> {
  const { items } = await call<{ items: Item[] }>(core, 'items.list');
  const found = items.find((i) => i.id === itemId);
  if (!found) throw new Error(`no item ${itemId}`);
  return found;
}

async function linked(core: Core): Promise<string> {
  const outcome = await core.linkSandboxItem(FIRST_PLATYPUS);
  if (outcome.status !== 'linked') throw new Error('not linked');
  expect(outcome.sync?.status).toBe('ok');
  return outcome.itemId;
}

interface LinkAccount {
  id: string;
  name: string;
  mask: string | null;
}

/** Drives the simulator's Link stand-in the way its UI does: session → credentials → complete. */
async function simLink(
  session: LinkSession,
  options: { username?: string; password?: string; pick?: (accounts: LinkAccount[]) => LinkAccount[] } = {},
): Promise<LinkPageResult> {
  const post = async (p: string, body: Record<string, unknown>) => {
    const res = await fetch(`${sim.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${p} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const token = session.linkToken;
  const started = (await post('/__link/session', { link_token: token })) as {
    link_session_id: string;
    update_institution: { institution_id: string } | null;
  };
  const creds = (await post('/__link/credentials', {
    link_token: token,
    link_session_id: started.link_session_id,
    institution_id: started.update_institution?.institution_id ?? FIRST_PLATYPUS,
    username: options.username ?? 'user_good',
    password: options.password ?? 'pass_good',
  })) as { accounts: LinkAccount[] };
  const chosen = options.pick ? options.pick(creds.accounts) : creds.accounts;
  const done = (await post('/__link/complete', {
    link_token: token,
    link_session_id: started.link_session_id,
    account_ids: chosen.map((a) => a.id),
  })) as { public_token: string; metadata: Extract<LinkPageResult, { kind: 'success' }>['metadata'] };
  return { kind: 'success', publicToken: done.public_token, metadata: done.metadata };
}

describe('a login that breaks and is repaired in update mode', () => {
  it('reset_login → the next sync asks for a login → update mode with user_good clears it → sync catches up', async () => {
    const { core, dataDir } = await freshCore();
    const itemId = await linked(core);
    const token = await accessTokenOf(dataDir, itemId);
    expect(token).toBeTruthy();

    await simRequest('POST', '/sandbox/item/reset_login', { access_token: token });
    await admin.advance(5);
    const [failed] = (await call<{ results: SyncResult[] }>(core, 'sync.run', { itemId })).results;
    expect(failed).toMatchObject({ status: 'error', error: { error_code: 'ITEM_LOGIN_REQUIRED' } });
    expect(await item(core, itemId)).toMatchObject({
      health: 'login_required',
      remedy: 'reconnect',
      healthMessage: expect.stringMatching(/sign in again|login/i) as unknown,
    });

    const sessions: LinkSession[] = [];
    core.setLinkPresenter(async (session) => {
      sessions.push(session);
      return simLink(session);
    });
    const outcome = await call<LinkOutcome>(core, 'link.open', { itemId });
    expect(outcome).toMatchObject({ status: 'updated', itemId, sync: { status: 'ok' } });
    expect(sessions).toHaveLength(1);
    // No exchange in update mode: the Item keeps its token.
    expect(await accessTokenOf(dataDir, itemId)).toBe(token);
    expect(await item(core, itemId)).toMatchObject({
      health: 'ok',
      remedy: null,
      healthMessage: null,
      error: null,
    });
    expect(await ledgerOf(core, itemId)).toEqual(await truthOf(admin, itemId));
  }, 120_000);

  it('an update-mode exit changes nothing', async () => {
    const { core, dataDir } = await freshCore();
    const itemId = await linked(core);
    await simRequest('POST', '/sandbox/item/reset_login', {
      access_token: await accessTokenOf(dataDir, itemId),
    });
    await call(core, 'sync.run', { itemId });
    core.setLinkPresenter(async () => ({
      kind: 'exit',
      error: null,
      metadata: { status: 'requires_credentials' },
    }));
    expect(await call<LinkOutcome>(core, 'link.open', { itemId })).toEqual({ status: 'exited', error: null });
    expect((await item(core, itemId)).health).toBe('login_required');
  }, 120_000);
});

describe('new accounts at the bank', () => {
  it('NEW_ACCOUNTS_AVAILABLE offers "Add accounts", which opens update mode with account selection', async () => {
    let lifecycle: ItemLifecycle | null = null;
    const { core } = await freshCore({ onLifecycle: (l) => (lifecycle = l) });
    const itemId = await linked(core);
    // What the relay's dispatcher does with the ITEM webhook.
    expect(lifecycle!.applyItemWebhook(itemId, 'NEW_ACCOUNTS_AVAILABLE', null).changed).toBe(true);
    expect(await item(core, itemId)).toMatchObject({
      health: 'ok',
      remedy: 'add_accounts',
      newAccountsAvailable: true,
    });

    await simRequest('POST', '/__sim/requests/clear');
    core.setLinkPresenter(async (session) => simLink(session));
    expect(await call<LinkOutcome>(core, 'link.open', { itemId })).toMatchObject({
      status: 'updated',
      itemId,
    });
    const { requests } = (await simRequest('GET', '/__sim/requests')) as {
      requests: Record<string, { body: Record<string, unknown> }[]>;
    };
    const [created] = requests['/link/token/create'] ?? [];
    expect(created.body).toMatchObject({ update: { account_selection_enabled: true } });
    expect(created.body.products).toBeUndefined();
    expect(requests['/item/public_token/exchange'] ?? []).toEqual([]);
    expect(await item(core, itemId)).toMatchObject({ remedy: null, newAccountsAvailable: false });
  }, 120_000);
});

describe('states Plaid reports about an Item', () => {
  it('a revoked permission offers removal; a pending expiry warns while syncs still work', async () => {
    const { core } = await freshCore();
    const revoked = await linked(core);
    await simRequest('POST', `/__sim/items/${revoked}/error`, { error_code: 'USER_PERMISSION_REVOKED' });
    await call(core, 'sync.run', { itemId: revoked });
    expect(await item(core, revoked)).toMatchObject({ health: 'permission_revoked', remedy: 'remove' });

    // Plaid's clock is the real one: a simulator whose clock other tests moved ahead would warn too late.
    const punctual = await startTestSimulator();
    const clock = testClock(Date.now());
    const { core: second } = await freshCore({ now: clock.now, sleep: clock.sleep }, punctual);
    const expiring = await linked(second);
    await simRequest(
      'POST',
      `/__sim/items/${expiring}/error`,
      { error_code: 'PENDING_EXPIRATION' },
      punctual,
    );
    // Without webhooks, /item/get's consent expiry is read at most hourly.
    clock.advance(ITEM_CHECK_INTERVAL_MS);
    const [result] = (await call<{ results: SyncResult[] }>(second, 'sync.run', { itemId: expiring }))
      .results;
    expect(result.status).toBe('ok');
    expect(await item(second, expiring)).toMatchObject({
      health: 'pending_expiration',
      remedy: 'reconnect',
      healthMessage: expect.stringMatching(/expires soon/) as unknown,
    });
    await second.close();
    await punctual.close();
  }, 120_000);

  it('an Item failing for 7 days is flagged as no longer refreshing', async () => {
    const clock = testClock();
    const { core } = await freshCore({ now: clock.now, sleep: clock.sleep });
    const itemId = await linked(core);
    await simRequest('POST', `/__sim/items/${itemId}/error`, { error_code: 'ITEM_LOCKED' });
    await call(core, 'sync.run', { itemId });
    expect(await item(core, itemId)).toMatchObject({ health: 'login_required', noLongerRefreshing: false });
    clock.advance(6 * 86_400_000);
    await call(core, 'sync.run', { itemId });
    expect((await item(core, itemId)).noLongerRefreshing).toBe(false);
    clock.advance(86_400_000);
    const flagged = await item(core, itemId);
    expect(flagged.noLongerRefreshing).toBe(true);
    expect(flagged.healthMessage).toMatch(/no longer refreshing/);
  }, 120_000);
});

describe('removing an Item', () => {
  it.each([true, false])(
    'calls /item/remove and leaves no keychain entry behind (keepHistory: %s)',
    async (keepHistory) => {
      const { core, dataDir } = await freshCore();
      const itemId = await linked(core);
      const token = await accessTokenOf(dataDir, itemId);
      const before = await ledgerOf(core, itemId);
      expect(before.length).toBeGreaterThan(0);

      expect(await call(core, 'items.remove', { itemId, keepHistory })).toEqual({
        itemId,
        keptHistory: keepHistory,
      });
      expect(await accessTokenOf(dataDir, itemId)).toBeNull();
      // The token is dead at Plaid too.
      await expect(simRequest('POST', '/accounts/get', { access_token: token })).rejects.toThrow(
        /ITEM_NOT_FOUND|INVALID_ACCESS_TOKEN/,
      );
      const { accounts } = await call<{ accounts: Account[] }>(core, 'accounts.list');
      const { items } = await call<{ items: Item[] }>(core, 'items.list');
      if (keepHistory) {
        expect(await ledgerOf(core, itemId)).toEqual(before);
        expect(accounts.filter((a) => a.itemId === itemId).every((a) => a.archived)).toBe(true);
        expect(items.find((i) => i.id === itemId)?.removedAt).toBeTruthy();
        // Never synced again.
        expect((await call<{ results: SyncResult[] }>(core, 'sync.run', { itemId: null })).results).toEqual(
          [],
        );
        // Deleting the kept history later purges it.
        await call(core, 'items.remove', { itemId, keepHistory: false });
      }
      expect((await call<{ items: Item[] }>(core, 'items.list')).items).toEqual([]);
      expect((await call<{ accounts: Account[] }>(core, 'accounts.list')).accounts).toEqual([]);
    },
    120_000,
  );
});

describe('the duplicate guard', () => {
  it('asks before linking accounts that are already linked, and creates nothing unless confirmed', async () => {
    const { core, dataDir } = await freshCore();
    core.setLinkPresenter(async (session) => simLink(session));
    const first = await call<LinkOutcome>(core, 'link.open', {});
    expect(first.status).toBe('linked');

    const again = await call<LinkOutcome>(core, 'link.open', {});
    expect(again).toMatchObject({
      status: 'duplicate',
      institutionName: 'First Platypus Bank',
      existingItemId: first.status === 'linked' ? first.itemId : '',
    });
    if (again.status !== 'duplicate') throw new Error('expected a duplicate');
    expect(again.matches.length).toBeGreaterThan(0);
    expect(JSON.stringify(again)).not.toMatch(/public-/);
    expect((await call<{ items: Item[] }>(core, 'items.list')).items).toHaveLength(1);

    expect(await call(core, 'link.confirm', { pendingId: again.pendingId, proceed: false })).toEqual({
      status: 'exited',
      error: null,
    });
    expect((await call<{ items: Item[] }>(core, 'items.list')).items).toHaveLength(1);
    await expect(
      call(core, 'link.confirm', { pendingId: again.pendingId, proceed: true }),
    ).rejects.toMatchObject({
      code: 'LINK_EXPIRED',
    });

    const third = await call<LinkOutcome>(core, 'link.open', {});
    if (third.status !== 'duplicate') throw new Error('expected a duplicate');
    const confirmed = await call<LinkOutcome>(core, 'link.confirm', {
      pendingId: third.pendingId,
      proceed: true,
    });
    expect(confirmed.status).toBe('linked');
    const { items } = await call<{ items: Item[] }>(core, 'items.list');
    expect(items).toHaveLength(2);
    for (const i of items) expect(await accessTokenOf(dataDir, i.id)).toBeTruthy();
  }, 120_000);
});

interface LogLine {
  msg: string;
  endpoint?: string;
  attempt?: number;
  attempts?: number;
  decision?: string;
  request_id?: string | null;
  why?: string;
}

function logLines(dataDir: string): LogLine[] {
  const dir = path.join(dataDir, 'demo', 'logs');
  return fs
    .readdirSync(dir)
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogLine);
}

interface FaultStats {
  requests: number;
  injected: { error: number; hang: number; latency: number; mutation: number };
  by_endpoint: Record<string, Partial<Record<'error' | 'hang', number>>>;
}

describe('a full sync through injected faults', () => {
  const ENDPOINTS = ['/accounts/get', '/transactions/sync', '/item/get', '/institutions/get_by_id'];
  // Four rules per endpoint, 5.6% each: about 20% of these requests fail (first matching rule wins).
  const RATE = 0.056;

  it('converges to exactly the simulator’s truth, with no more retries than the policy allows', async () => {
    const clock = testClock();
    const { core, dataDir } = await freshCore({
      now: clock.now,
      sleep: clock.sleep,
      plaidTimeoutMs: 1_500,
      syncPageSize: 20,
    });
    const rules = ENDPOINTS.flatMap((endpoint) => [
      {
        endpoint,
        rate: RATE,
        kind: 'error',
        error_type: 'API_ERROR',
        error_code: 'INTERNAL_SERVER_ERROR',
        http_status: 500,
      },
      {
        endpoint,
        rate: RATE,
        kind: 'error',
        error_type: 'RATE_LIMIT_EXCEEDED',
        error_code: 'RATE_LIMIT_EXCEEDED',
        http_status: 429,
      },
      {
        endpoint,
        rate: RATE,
        kind: 'error',
        error_type: 'INSTITUTION_ERROR',
        error_code: 'INSTITUTION_DOWN',
        http_status: 400,
      },
      { endpoint, rate: RATE, kind: 'hang' },
    ]);
    await simRequest('POST', '/__sim/faults', { rules, seed: 20240601 });
    let results: SyncResult[] = [];
    let itemId = '';
    let stats: FaultStats;
    try {
      const outcome = await core.linkSandboxItem(FIRST_PLATYPUS);
      if (outcome.status !== 'linked') throw new Error('not linked');
      itemId = outcome.itemId;
      results = outcome.sync ? [outcome.sync] : [];
      // A sync that still failed (every attempt of one call faulted) is simply run again, as the app would.
      for (let run = 0; run < 3 && results.at(-1)?.status !== 'ok'; run++) {
        clock.advance(120_000);
        results.push(...(await call<{ results: SyncResult[] }>(core, 'sync.run', { itemId })).results);
      }
      await admin.advance(10);
      results.push(...(await call<{ results: SyncResult[] }>(core, 'sync.run', { itemId })).results);
      for (let run = 0; run < 3 && results.at(-1)?.status !== 'ok'; run++) {
        clock.advance(120_000);
        results.push(...(await call<{ results: SyncResult[] }>(core, 'sync.run', { itemId })).results);
      }
    } finally {
      stats = (await simRequest('GET', '/__sim/faults/stats')) as FaultStats;
      await simRequest('DELETE', '/__sim/faults');
    }
    expect(results.at(-1)?.status).toBe('ok');
    expect(await ledgerOf(core, itemId)).toEqual(await truthOf(admin, itemId));

    const lines = logLines(dataDir);
    const faulted = lines.filter(
      (l) => l.msg === 'plaid request failed' && ENDPOINTS.includes(l.endpoint ?? ''),
    );
    const mine = (l: LogLine) => ENDPOINTS.includes(l.endpoint ?? '');
    const retries = lines.filter((l) => l.msg === 'plaid retry' && mine(l));
    // A call refused by an open circuit breaker made no request: it is not a failed attempt.
    const gaveUp = lines.filter((l) => l.msg === 'plaid gave up' && mine(l) && l.why !== 'circuit-open');
    const injected = stats.injected.error + stats.injected.hang;
    // Faults really happened, at about the rate asked for.
    expect(injected).toBeGreaterThan(5);
    expect(injected / stats.requests).toBeGreaterThan(0.1);
    // Every injected fault was seen as a failed attempt, and nothing else failed.
    expect(faulted).toHaveLength(injected);
    expect(faulted.every((l) => l.decision === 'retry-transient')).toBe(true);
    // Each failure was either retried or ended its call; no call retried more than the bound.
    expect(retries.length + gaveUp.length).toBe(faulted.length);
    expect(Math.max(...retries.map((r) => r.attempt ?? 0))).toBeLessThanOrEqual(defaultRetryPolicy.retries);
    expect(gaveUp.every((g) => (g.attempts ?? 0) <= defaultRetryPolicy.retries + 1)).toBe(true);
    // Failed Plaid answers were logged with their request_id (hangs have none).
    const answered = faulted.filter((l) => l.request_id);
    expect(answered.length).toBe(stats.injected.error);
    console.info(
      `faults: ${stats.requests} requests, ${stats.injected.error} errors + ${stats.injected.hang} hangs injected; ` +
        `${retries.length} retries, ${gaveUp.length} calls gave up, ${results.length} sync runs`,
    );
  }, 240_000);
});
