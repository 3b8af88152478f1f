/**
 * Injected faults: Plaid's errors with their statuses, latency, hung connections and
 * TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION, reproducible from a seed, never on admin paths.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadSpec } from '../tests/contract/openapi';
import type { FaultConfig } from './faults';
import { plaidClient, plaidFailure, startHarness, type SimHarness } from './testing';

// Loaded before any simulator starts, as in webhooks.test.ts.
const spec = loadSpec();

const CLOCK = '2026-03-15';
const serverError = {
  endpoint: '/accounts/get',
  rate: 0.3,
  kind: 'error',
  error_type: 'API_ERROR',
  error_code: 'INTERNAL_SERVER_ERROR',
  http_status: 500,
} as const;

describe('injected faults', () => {
  let h: SimHarness;
  afterEach(() => h.close());

  async function statuses(accessToken: string, n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      try {
        await h.plaid.accountsGet({ access_token: accessToken });
        out.push(200);
      } catch (err) {
        out.push((err as { response: { status: number } }).response.status);
      }
    }
    return out;
  }

  it('fails the same requests for the same seed, and others for another seed', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    const { accessToken } = await h.linkItem({ daysRequested: 30 });
    const config = (seed: number): FaultConfig => ({ rules: [serverError], seed });

    await h.admin('POST', '/__sim/faults', config(7));
    const first = await statuses(accessToken, 40);
    await h.admin('POST', '/__sim/faults', config(7));
    const again = await statuses(accessToken, 40);
    await h.admin('POST', '/__sim/faults', config(8));
    const other = await statuses(accessToken, 40);

    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const failures = first.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(4);
    expect(failures).toBeLessThan(24);
    const stats = await h.admin<{
      injected: { error: number };
      by_endpoint: Record<string, { error: number }>;
    }>('GET', '/__sim/faults/stats');
    expect(stats.injected.error).toBe(other.filter((s) => s === 500).length);
    expect(stats.by_endpoint['/accounts/get']?.error).toBe(stats.injected.error);

    // The same seed given at start-up reproduces the sequence in another simulator.
    const second = await startHarness({ clock: CLOCK, statePath: null, faults: config(7) });
    try {
      const item = await second.linkItem({ daysRequested: 30 });
      const seen: number[] = [];
      for (let i = 0; i < 40; i++) {
        const ok = await second.plaid.accountsGet({ access_token: item.accessToken }).then(
          () => 200,
          (err: { response: { status: number } }) => err.response.status,
        );
        seen.push(ok);
      }
      expect(seen).toEqual(first);
    } finally {
      await second.close();
    }
  });

  it('answers with Plaid’s error objects: 500 API_ERROR, 429 RATE_LIMIT_EXCEEDED, INSTITUTION_ERROR, ITEM_ERROR', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    const { accessToken } = await h.linkItem({ daysRequested: 30 });
    const cases = [
      [{ error_code: 'INTERNAL_SERVER_ERROR' }, 500, 'API_ERROR'],
      [{ error_code: 'RATE_LIMIT_EXCEEDED' }, 429, 'RATE_LIMIT_EXCEEDED'],
      [{ error_code: 'INSTITUTION_DOWN' }, 400, 'INSTITUTION_ERROR'],
      [{ error_code: 'INSTITUTION_NOT_RESPONDING' }, 400, 'INSTITUTION_ERROR'],
      [{ error_code: 'ITEM_LOGIN_REQUIRED' }, 400, 'ITEM_ERROR'],
      [
        { error_code: 'TRANSACTIONS_LIMIT', error_type: 'RATE_LIMIT_EXCEEDED', http_status: 429 },
        429,
        'RATE_LIMIT_EXCEEDED',
      ],
    ] as const;
    for (const [rule, status, type] of cases) {
      await h.admin('POST', '/__sim/faults', { rules: [{ endpoint: '*', rate: 1, kind: 'error', ...rule }] });
      const failure = await plaidFailure(h.plaid.transactionsSync({ access_token: accessToken }));
      expect(failure.status, rule.error_code).toBe(status);
      expect(failure.data).toMatchObject({ error_type: type, error_code: rule.error_code, status });
      expect(spec.validateSchema('PlaidError', failure.data).errors).toEqual([]);
      // Admin paths are never faulted.
      expect(await h.admin('GET', '/__sim/clock')).toMatchObject({ today: CLOCK });
    }
    await h.admin('DELETE', '/__sim/faults');
    await h.plaid.transactionsSync({ access_token: accessToken });
    await expect(
      h.admin('POST', '/__sim/faults', {
        rules: [{ endpoint: '*', rate: 1, kind: 'error', error_code: 'MADE_UP' }],
      }),
    ).rejects.toThrow(/INVALID_FIELD/);
  });

  it('hangs a request until the client gives up, and delays others', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    const { accessToken } = await h.linkItem({ daysRequested: 30 });
    await h.admin('POST', '/__sim/faults', {
      rules: [
        { endpoint: '/accounts/get', rate: 1, kind: 'hang' },
        { endpoint: '/item/get', rate: 1, kind: 'latency', ms: 300 },
      ],
    });
    const impatient = plaidClient(h.sim);
    const started = Date.now();
    await expect(
      impatient.accountsGet({ access_token: accessToken }, { timeout: 400 }),
    ).rejects.toMatchObject({
      code: 'ECONNABORTED',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    const slowStart = Date.now();
    await h.plaid.itemGet({ access_token: accessToken });
    expect(Date.now() - slowStart).toBeGreaterThanOrEqual(290);
    const stats = await h.admin<{ injected: Record<string, number> }>('GET', '/__sim/faults/stats');
    expect(stats.injected).toMatchObject({ hang: 1, latency: 1, error: 0 });
  });

  it('breaks a paginated /transactions/sync with TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    const { accessToken } = await h.linkItem({ daysRequested: 365 });
    await h.admin('POST', '/__sim/faults', {
      rules: [{ endpoint: '/transactions/sync', rate: 1, kind: 'mutation' }],
    });
    const { data: first } = await h.plaid.transactionsSync({ access_token: accessToken, count: 100 });
    expect(first.has_more).toBe(true);
    const failure = await plaidFailure(
      h.plaid.transactionsSync({ access_token: accessToken, cursor: first.next_cursor, count: 100 }),
    );
    expect(failure.data).toMatchObject({
      error_type: 'TRANSACTIONS_ERROR',
      error_code: 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION',
    });
    await h.admin('DELETE', '/__sim/faults');
    const whole = await h.syncAll(accessToken, '', 100);
    expect(whole.pages).toBeGreaterThan(1);
  });
});
