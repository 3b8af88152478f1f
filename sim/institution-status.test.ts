/**
 * Institution status set through /__sim/institutions/<id>/status reaches the real `plaid` SDK
 * from /institutions/get_by_id, still as Plaid's OpenAPI spec defines the response.
 */
import { CountryCode, type Institution } from 'plaid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSpec } from '../tests/contract/openapi';
import { plaidFailure, startHarness, type SimHarness } from './testing';

// Loaded before any simulator starts, as in webhooks.test.ts.
const spec = loadSpec();

const CLOCK = '2026-03-15';
const PLATYPUS = 'ins_109508';

describe('institution status', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
  });
  afterEach(() => h.close());

  async function institution(institutionId = PLATYPUS): Promise<Institution> {
    const response = await h.plaid.institutionsGetById({
      institution_id: institutionId,
      country_codes: [CountryCode.Us],
      options: { include_status: true },
    });
    expect(spec.validateResponse('/institutions/get_by_id', 200, response.data).errors).toEqual([]);
    return response.data.institution;
  }

  async function adminFailure(method: 'POST' | 'DELETE', path: string, body?: unknown) {
    const response = await fetch(new URL(path, h.sim.url), {
      method,
      headers: {
        'PLAID-CLIENT-ID': h.sim.clientId,
        'PLAID-SECRET': h.sim.secret,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await response.json()) as Record<string, unknown>;
    expect(spec.validateSchema('PlaidError', data).errors).toEqual([]);
    return { status: response.status, data };
  }

  it('is HEALTHY everywhere until a test says otherwise', async () => {
    const { status } = await institution();
    expect(status?.transactions_updates).toMatchObject({
      status: 'HEALTHY',
      last_status_change: '2026-02-13T00:00:00Z',
      breakdown: { refresh_interval: 'NORMAL' },
    });
    expect(status?.item_logins?.status).toBe('HEALTHY');
    expect(status?.item_logins?.breakdown).not.toHaveProperty('refresh_interval');
    // The spec does check status: a level Plaid has not is refused.
    const tampered = { request_id: 'x', institution: { ...(await institution()), status: { ...status } } };
    tampered.institution.status.auth = { ...status!.auth!, status: 'SLOW' as never };
    expect(spec.validateResponse('/institutions/get_by_id', 200, tampered).errors).not.toEqual([]);
  });

  it('reports what was set, at the simulator’s time, with a breakdown to match', async () => {
    await h.advanceClock(2);
    const reply = await h.admin<{ status: Record<string, unknown> }>(
      'POST',
      `/__sim/institutions/${PLATYPUS}/status`,
      { transactions_updates: 'DEGRADED', item_logins: 'DOWN' },
    );
    const { status } = await institution();
    expect(reply.status).toEqual(JSON.parse(JSON.stringify(status)));

    const updates = status!.transactions_updates!;
    expect(updates.status).toBe('DEGRADED');
    expect(updates.last_status_change).toMatch(/^2026-03-17T\d\d:\d\d:\d\dZ$/);
    expect(updates.breakdown.refresh_interval).toBe('DELAYED');
    const logins = status!.item_logins!;
    expect(logins.status).toBe('DOWN');
    expect(logins.breakdown.success).toBeLessThan(updates.breakdown.success);
    expect(updates.breakdown.success).toBeLessThan(status!.auth!.breakdown.success);
    for (const s of [updates, logins, status!.auth!]) {
      const { success, error_plaid, error_institution } = s.breakdown;
      expect(success + error_plaid + error_institution).toBeCloseTo(1, 9);
    }
    expect(status!.auth!.status).toBe('HEALTHY');
    // Only the institution named changed.
    expect((await institution('ins_109512')).status?.transactions_updates?.status).toBe('HEALTHY');
    // Without include_status Plaid leaves status null.
    const { data } = await h.plaid.institutionsGetById({
      institution_id: PLATYPUS,
      country_codes: [CountryCode.Us],
    });
    expect(data.institution.status).toBeNull();
  });

  it('recovers with HEALTHY (a new change) or DELETE (the untouched baseline)', async () => {
    const path = `/__sim/institutions/${PLATYPUS}/status`;
    await h.admin('POST', path, { transactions_updates: 'DOWN', investments_updates: 'DEGRADED' });
    const down = (await institution()).status!.transactions_updates!;
    // Setting a status it already has is no change.
    await h.admin('POST', path, { transactions_updates: 'DOWN' });
    expect((await institution()).status!.transactions_updates!.last_status_change).toBe(
      down.last_status_change,
    );

    await h.advanceClock(1);
    await h.admin('POST', path, { transactions_updates: 'HEALTHY' });
    const healthy = (await institution()).status!;
    expect(healthy.transactions_updates).toMatchObject({
      status: 'HEALTHY',
      breakdown: { refresh_interval: 'NORMAL' },
    });
    expect(healthy.transactions_updates!.last_status_change.startsWith('2026-03-16T')).toBe(true);
    expect(healthy.investments_updates!.status).toBe('DEGRADED');

    await h.admin('DELETE', path);
    const reset = (await institution()).status!;
    expect(reset.investments_updates).toMatchObject({
      status: 'HEALTHY',
      last_status_change: '2026-02-14T00:00:00Z',
    });
    expect(reset.transactions_updates!.last_status_change).toBe('2026-02-14T00:00:00Z');
    expect(await h.admin('GET', path)).toMatchObject({ institution_id: PLATYPUS, status: reset });
  });

  it('refuses unknown products, statuses and institutions with Plaid’s errors', async () => {
    const path = `/__sim/institutions/${PLATYPUS}/status`;
    const product = await adminFailure('POST', path, { transactions: 'DOWN' });
    expect(product.status).toBe(400);
    expect(product.data).toMatchObject({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD' });
    expect(product.data.error_message).toMatch(/unknown product transactions/);

    const level = await adminFailure('POST', path, { item_logins: 'SLOW' });
    expect(level.data).toMatchObject({ error_code: 'INVALID_FIELD' });
    expect(level.data.error_message).toMatch(/item_logins: must be one of HEALTHY, DEGRADED, DOWN/);

    expect((await adminFailure('POST', path, {})).data.error_code).toBe('INVALID_FIELD');
    expect(
      (await adminFailure('POST', '/__sim/institutions/ins_0/status', { auth: 'DOWN' })).data.error_code,
    ).toBe('INVALID_INSTITUTION');
    expect((await adminFailure('DELETE', '/__sim/institutions/ins_0/status')).data.error_code).toBe(
      'INVALID_INSTITUTION',
    );
    // Nothing was changed by the refused requests.
    expect((await institution()).status?.item_logins?.status).toBe('HEALTHY');

    const anonymous = await fetch(new URL(path, h.sim.url), {
      method: 'POST',
      body: JSON.stringify({ auth: 'DOWN' }),
    });
    expect(((await anonymous.json()) as { error_code: string }).error_code).toBe('INVALID_API_KEYS');
    expect(
      await plaidFailure(
        h.plaid.institutionsGetById({ institution_id: 'ins_0', country_codes: [CountryCode.Us] }),
      ),
    ).toMatchObject({ status: 400, data: { error_code: 'INVALID_INSTITUTION' } });
  });
});
