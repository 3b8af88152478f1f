/**
 * The simulator speaks Plaid's API as Plaid's OpenAPI spec defines it: every response of every
 * simulated endpoint (successes and errors) validates against the spec's response schemas, and
 * the requests the real `plaid` SDK sends validate against its request schemas.
 */
import { CountryCode, Products } from 'plaid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAID_ROUTES } from '../../sim/plaid-routes';
import { startHarness, type SimHarness } from '../../sim/testing';
import { fetchRecordedRequests, loadSpec, requestContractViolations, type LoadedSpec } from './openapi';
import { PRODUCT_PATHS } from './product-paths';
import { fakeAccessToken } from '../support/fake-token';

interface Exchange {
  label: string;
  path: string;
  status: number;
  body: Record<string, unknown>;
}

// The preferred spec only (loadSpec throws, failing the suite, when there is none).
describe.each([loadSpec().source])('simulator responses against Plaid’s OpenAPI spec (%s)', (source) => {
  let spec: LoadedSpec;
  let h: SimHarness;
  const exchanges: Exchange[] = [];

  async function call(label: string, path: string, body: Record<string, unknown>): Promise<Exchange> {
    const exchange = { label, path, ...(await h.call(path, body)) };
    exchanges.push(exchange);
    return exchange;
  }

  async function linkThroughStandIn(linkToken: string): Promise<void> {
    await h.linkThroughStandIn(linkToken);
    expect((await h.call('/__link/session', { link_token: linkToken })).status).toBe(200); // abandoned
  }

  beforeAll(async () => {
    spec = loadSpec(source);
    h = await startHarness({ clock: '2026-03-15', statePath: null });

    await call('sandbox token, wrong password', '/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['transactions'],
      options: { override_username: 'user_good', override_password: 'wrong' },
    });
    await call('sandbox token, unsupported product', '/sandbox/public_token/create', {
      institution_id: 'ins_109512',
      initial_products: ['investments'],
    });
    const created = await call('sandbox token', '/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['transactions', 'auth'],
      options: { webhook: 'https://example.com/hook', transactions: { days_requested: 730 } },
    });
    const exchanged = await call('exchange', '/item/public_token/exchange', {
      public_token: created.body.public_token,
    });
    await call('exchange replayed', '/item/public_token/exchange', {
      public_token: created.body.public_token,
    });
    const accessToken = exchanged.body.access_token as string;

    const link = await call('link token', '/link/token/create', {
      client_name: 'Coffer',
      language: 'en',
      country_codes: ['US'],
      user: { client_user_id: 'local-user' },
      products: ['transactions'],
      transactions: { days_requested: 730 },
      webhook: 'https://example.com/hook',
    });
    await call('link token, update mode', '/link/token/create', {
      client_name: 'Coffer',
      language: 'en',
      country_codes: ['US'],
      user: { client_user_id: 'local-user' },
      access_token: accessToken,
    });
    await call('link token, missing fields', '/link/token/create', { client_name: 'Coffer' });
    await linkThroughStandIn(link.body.link_token as string);
    await call('link token get', '/link/token/get', { link_token: link.body.link_token });
    await call('link token get, unknown', '/link/token/get', {
      link_token: 'link-sandbox-00000000-0000-0000-0000-000000000000',
    });

    await call('item get', '/item/get', { access_token: accessToken });
    await call('item get, malformed token', '/item/get', { access_token: 'not-a-token' });
    const accounts = await call('accounts get', '/accounts/get', { access_token: accessToken });
    const checkingId = (accounts.body.accounts as { account_id: string }[])[0]!.account_id;
    await call('accounts get, unknown field', '/accounts/get', {
      access_token: accessToken,
      include_everything: true,
    });
    await call('accounts get, bad token', '/accounts/get', {
      access_token: fakeAccessToken(),
    });

    const first = await call('sync, first page', '/transactions/sync', {
      access_token: accessToken,
      count: 500,
    });
    await call('sync, second page', '/transactions/sync', {
      access_token: accessToken,
      cursor: first.body.next_cursor,
      count: 500,
    });
    await call('sync, original descriptions', '/transactions/sync', {
      access_token: accessToken,
      count: 5,
      options: { include_original_description: true, account_id: checkingId },
    });
    let cursor = first.body.next_cursor as string;
    for (let more = true; more;) {
      const page = await call('sync, draining', '/transactions/sync', {
        access_token: accessToken,
        cursor,
        count: 500,
      });
      cursor = page.body.next_cursor as string;
      more = page.body.has_more === true;
    }
    const page1 = await call('sync, paginating', '/transactions/sync', {
      access_token: accessToken,
      count: 10,
    });
    await h.advanceClock(3);
    await call('sync, mutation during pagination', '/transactions/sync', {
      access_token: accessToken,
      cursor: page1.body.next_cursor,
      count: 10,
    });
    await call('sync, after the clock moved', '/transactions/sync', {
      access_token: accessToken,
      cursor,
      count: 500,
    });
    await call('sync, bad cursor', '/transactions/sync', { access_token: accessToken, cursor: '%%%' });
    await call('sync, count out of range', '/transactions/sync', { access_token: accessToken, count: 0 });

    await call('institution', '/institutions/get_by_id', {
      institution_id: 'ins_109508',
      country_codes: ['US'],
    });
    await call('institution with metadata', '/institutions/get_by_id', {
      institution_id: 'ins_109510',
      country_codes: ['US'],
      options: { include_optional_metadata: true, include_status: true },
    });
    const listed = await call('institutions, first one', '/institutions/get', {
      count: 1,
      offset: 0,
      country_codes: ['US'],
    });
    expect((listed.body.institutions as unknown[]).length).toBe(1);
    await call('institutions, with a product filter', '/institutions/get', {
      count: 5,
      offset: 1,
      country_codes: ['US'],
      options: { products: ['liabilities'], include_optional_metadata: true },
    });
    await call('institutions, count out of range', '/institutions/get', {
      count: 501,
      offset: 0,
      country_codes: ['US'],
    });
    await call('institution, unknown', '/institutions/get_by_id', {
      institution_id: 'ins_0',
      country_codes: ['US'],
    });
    // A status set through /__sim/institutions/<id>/status (Sandbox's status is always HEALTHY).
    const degrade = await fetch(new URL('/__sim/institutions/ins_109512/status', h.sim.url), {
      method: 'POST',
      headers: {
        'PLAID-CLIENT-ID': h.sim.clientId,
        'PLAID-SECRET': h.sim.secret,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ transactions_updates: 'DEGRADED', item_logins: 'DOWN' }),
    });
    expect(degrade.status).toBe(200);
    const degraded = await call('institution, degraded', '/institutions/get_by_id', {
      institution_id: 'ins_109512',
      country_codes: ['US'],
      options: { include_status: true },
    });
    expect(degraded.body.institution).toMatchObject({
      status: { transactions_updates: { status: 'DEGRADED' }, item_logins: { status: 'DOWN' } },
    });

    // Time, webhooks and Item health (sim/control-routes.ts).
    await call('transactions refresh', '/transactions/refresh', { access_token: accessToken });
    await call('transactions refresh, bad token', '/transactions/refresh', { access_token: 'nope' });
    const keys = await fetch(new URL('/__sim/webhook-keys', h.sim.url), {
      headers: { 'PLAID-CLIENT-ID': h.sim.clientId, 'PLAID-SECRET': h.sim.secret },
    });
    const [key] = ((await keys.json()) as { keys: { kid: string }[] }).keys;
    await call('verification key', '/webhook_verification_key/get', { key_id: key!.kid });
    await call('verification key, unknown', '/webhook_verification_key/get', { key_id: 'nope' });
    await call('fire webhook', '/sandbox/item/fire_webhook', {
      access_token: accessToken,
      webhook_code: 'DEFAULT_UPDATE',
      webhook_type: 'TRANSACTIONS',
    });
    await call('fire webhook, product missing', '/sandbox/item/fire_webhook', {
      access_token: accessToken,
      webhook_code: 'PRODUCT_READY',
    });
    await call('webhook update', '/item/webhook/update', {
      access_token: accessToken,
      webhook: 'https://example.com/other-hook',
    });
    await call('webhook update, not a URL', '/item/webhook/update', {
      access_token: accessToken,
      webhook: 'not a url',
    });
    await call('reset login', '/sandbox/item/reset_login', { access_token: accessToken });
    await call('sync, login required', '/transactions/sync', { access_token: accessToken });
    await call('reset login, unknown field', '/sandbox/item/reset_login', {
      access_token: accessToken,
      force: true,
    });

    await call('item remove', '/item/remove', {
      access_token: accessToken,
      reason_code: 'OTHER',
      reason_note: 'test',
    });
    await call('item remove, again', '/item/remove', { access_token: accessToken });
  });

  afterAll(() => h?.close());

  it('serves only paths that exist in the spec', () => {
    expect(Object.keys(PLAID_ROUTES).filter((path) => !spec.paths.includes(path))).toEqual([]);
  });

  it('exercised every simulated endpoint, with successes and failures', () => {
    // The product endpoints have their own suite (products.test.ts).
    for (const path of Object.keys(PLAID_ROUTES).filter(
      (p) => !(PRODUCT_PATHS as readonly string[]).includes(p),
    )) {
      expect(
        exchanges.some((e) => e.path === path && e.status === 200),
        `${path} succeeded`,
      ).toBe(true);
      expect(
        exchanges.some((e) => e.path === path && e.status >= 400),
        `${path} failed`,
      ).toBe(true);
    }
    const sync = exchanges.find((e) => e.label === 'sync, after the clock moved')!;
    expect((sync.body.removed as unknown[]).length).toBeGreaterThan(0);
    expect(exchanges.find((e) => e.label === 'sync, mutation during pagination')!.body.error_code).toBe(
      'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION',
    );
    const got = exchanges.find((e) => e.label === 'link token get')!.body;
    expect((got.link_sessions as unknown[]).length).toBe(2);
  });

  it('every response validates against the spec', () => {
    expect(exchanges.length).toBeGreaterThan(0);
    const failures = exchanges.flatMap((e) => {
      const result = spec.validateResponse(e.path, e.status, e.body);
      return result.errors.map((error) => `${e.label} (${e.path} → ${e.status}): ${error}`);
    });
    expect(failures).toEqual([]);
  });

  it('every error carries Plaid’s full error object and a request id', () => {
    for (const e of exchanges.filter((x) => x.status >= 400)) {
      expect(e.body, e.label).toMatchObject({ status: e.status, causes: [], suggested_action: null });
      expect(e.body.request_id, e.label).toMatch(/^[A-Za-z0-9]{15}$/);
      expect(e.body.documentation_url, e.label).toMatch(/^https:\/\/plaid\.com\/docs\/errors\//);
      expect(spec.validateSchema('PlaidError', e.body).errors, e.label).toEqual([]);
    }
  });

  it('answers paths Plaid does not have, and bad keys, with valid PlaidErrors', async () => {
    const notFound = await fetch(new URL('/transactions/teleport', h.sim.url), {
      method: 'POST',
      body: '{}',
    });
    expect(notFound.status).toBe(404);
    expect(spec.validateSchema('PlaidError', await notFound.json()).errors).toEqual([]);
    const badKeys = await fetch(new URL('/item/get', h.sim.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: 'x', secret: 'y', access_token: 'z' }),
    });
    const body = (await badKeys.json()) as Record<string, unknown>;
    expect(body.error_code).toBe('INVALID_API_KEYS');
    expect(spec.validateResponse('/item/get', badKeys.status, body).errors).toEqual([]);
  });
});

describe('requests the plaid SDK sends to the simulator', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness({ clock: '2026-03-15', statePath: null });
  });
  afterAll(() => h?.close());

  it('validate against the spec’s request schemas, as recorded at /__sim/requests', async () => {
    await h.plaid.linkTokenCreate({
      client_name: 'Coffer',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'local-user' },
      products: [Products.Transactions],
      transactions: { days_requested: 730 },
    });
    const { accessToken } = await h.linkItem();
    await h.plaid.accountsGet({ access_token: accessToken });
    await h.plaid.itemGet({ access_token: accessToken });
    await h.syncAll(accessToken, '', 200);
    await h.plaid.institutionsGetById({
      institution_id: 'ins_109508',
      country_codes: [CountryCode.Us],
      options: { include_optional_metadata: true },
    });
    await h.plaid.itemRemove({ access_token: accessToken });

    const recorded = await fetchRecordedRequests(h.sim.url, h.sim.clientId, h.sim.secret);
    expect(Object.keys(recorded).sort()).toEqual([
      '/accounts/get',
      '/institutions/get_by_id',
      '/item/get',
      '/item/public_token/exchange',
      '/item/remove',
      '/link/token/create',
      '/sandbox/public_token/create',
      '/transactions/sync',
    ]);
    const text = JSON.stringify(recorded);
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(h.sim.secret);
    expect(Object.values(recorded).flat().length).toBeGreaterThan(0);
    expect(requestContractViolations(recorded)).toEqual([]);
  });
});
