import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountryCode, Products } from 'plaid';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { plaidClient, plaidFailure, startHarness, type SimHarness } from './testing';
import { fakeAccessToken } from '../tests/support/fake-token';

const CLOCK = '2026-03-15';

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

describe('Plaid simulator over the real plaid SDK', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
  });
  afterAll(() => h.close());

  it('links an Item at First Platypus Bank and lists its deposit, card, investment and loan accounts', async () => {
    const { accessToken, itemId } = await h.linkItem();
    expect(accessToken).toMatch(/^access-sandbox-[0-9a-f-]{36}$/);
    expect(itemId).toMatch(/^[A-Za-z0-9]{37}$/);
    const { data } = await h.plaid.accountsGet({ access_token: accessToken });
    expect(data.request_id).toMatch(/^[A-Za-z0-9]{15}$/);
    expect(data.item.item_id).toBe(itemId);
    expect(data.item.institution_id).toBe('ins_109508');
    expect(data.accounts.map((a) => [a.name, a.mask, a.type, a.subtype])).toEqual([
      ['Plaid Checking', '0000', 'depository', 'checking'],
      ['Plaid Saving', '1111', 'depository', 'savings'],
      ['Plaid Credit Card', '3333', 'credit', 'credit card'],
      ['Plaid Brokerage', '9999', 'investment', 'brokerage'],
      ['Plaid IRA', '5555', 'investment', 'ira'],
      ['Plaid 401k', '6666', 'investment', '401k'],
      ['Plaid Student Loan', '7777', 'loan', 'student'],
      ['Plaid Mortgage', '8888', 'loan', 'mortgage'],
    ]);
    const card = data.accounts[2]!;
    expect(card.balances.limit).toBe(8000);
    expect(card.balances.current).toBeGreaterThan(0);
    expect(card.balances.available).toBeCloseTo(
      8000 - card.balances.current! - pendingSpend(await h.truth(itemId), card.account_id),
      2,
    );
    for (const account of data.accounts) expect(account.balances.iso_currency_code).toBe('USD');
  });

  it('returns 24 months of history through a full sync paged 50 at a time, each transaction once', async () => {
    const { accessToken, itemId } = await h.linkItem({ daysRequested: 730 });
    const result = await h.syncAll(accessToken, '', 50);
    expect(result.pages).toBeGreaterThan(10);
    expect(result.added.length).toBeGreaterThanOrEqual(500);
    expect(result.modified).toEqual([]);
    expect(result.removed).toEqual([]);
    const ids = result.added.map((t) => t.transaction_id);
    expect(new Set(ids).size).toBe(ids.length);
    const dates = result.added.map((t) => t.date).sort();
    expect(daysBetween(dates[0]!, CLOCK)).toBeLessThanOrEqual(730);
    expect(daysBetween(dates[0]!, CLOCK)).toBeGreaterThan(700);
    expect(dates.at(-1)! <= CLOCK).toBe(true);
    expect(result.added.some((t) => t.pending)).toBe(true);
    const truth = await h.truth(itemId);
    expect(new Set(ids)).toEqual(new Set(truth.map((t) => t.transaction_id)));
  });

  it('follows Plaid conventions: positive amounts are money out, payroll is money in, categories are Plaid’s', async () => {
    const { accessToken } = await h.linkItem();
    const { added } = await h.syncAll(accessToken);
    const payroll = added.filter((t) => t.personal_finance_category?.detailed === 'INCOME_WAGES');
    expect(payroll.length).toBeGreaterThan(40);
    expect(payroll.every((t) => t.amount < 0)).toBe(true);
    const coffee = added.filter((t) => t.personal_finance_category?.detailed === 'FOOD_AND_DRINK_COFFEE');
    expect(coffee.length).toBeGreaterThan(50);
    expect(
      coffee.every((t) => t.amount > 0 && t.personal_finance_category?.primary === 'FOOD_AND_DRINK'),
    ).toBe(true);
    const names = new Set(added.map((t) => t.merchant_name));
    for (const merchant of ['Netflix', 'Spotify', 'Amazon', 'Target']) expect(names).toContain(merchant);
    const cardPayments = added.filter(
      (t) => t.personal_finance_category?.detailed === 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT',
    );
    const outOfChecking = cardPayments.filter((t) => t.amount > 0);
    const intoCard = cardPayments.filter((t) => t.amount < 0);
    expect(outOfChecking.length).toBeGreaterThan(20);
    expect(intoCard.map((t) => [t.date, -t.amount])).toEqual(outOfChecking.map((t) => [t.date, t.amount]));
  });

  it('a second sync with nothing new returns no changes', async () => {
    const { accessToken } = await h.linkItem({ daysRequested: 30 });
    const first = await h.syncAll(accessToken);
    const again = await h.syncAll(accessToken, first.cursor);
    expect([again.added, again.modified, again.removed]).toEqual([[], [], []]);
    expect(again.cursor).toBe(first.cursor);
  });

  it('reports Plaid’s errors with Plaid’s shape and HTTP status', async () => {
    const wrongKeys = plaidClient({ url: h.sim.url, clientId: h.sim.clientId, secret: 'not-the-secret' });
    const keys = await plaidFailure(
      wrongKeys.institutionsGetById({ institution_id: 'ins_109508', country_codes: [CountryCode.Us] }),
    );
    expect(keys.status).toBe(400);
    expect(keys.data).toMatchObject({
      error_type: 'INVALID_INPUT',
      error_code: 'INVALID_API_KEYS',
      display_message: null,
      status: 400,
      causes: [],
    });
    expect(keys.data.request_id).toMatch(/^[A-Za-z0-9]{15}$/);

    const password = await plaidFailure(
      h.plaid.sandboxPublicTokenCreate({
        institution_id: 'ins_109508',
        initial_products: [Products.Transactions],
        options: { override_password: 'nope' },
      }),
    );
    expect(password.data).toMatchObject({
      error_type: 'ITEM_ERROR',
      error_code: 'INVALID_CREDENTIALS',
      display_message: 'The provided credentials were not correct. Please try again.',
    });

    const locked = await plaidFailure(
      h.plaid.sandboxPublicTokenCreate({
        institution_id: 'ins_109508',
        initial_products: [Products.Transactions],
        options: { override_password: 'error_ITEM_LOCKED' },
      }),
    );
    expect(locked.data.error_code).toBe('ITEM_LOCKED');

    const unknown = await plaidFailure(
      h.plaid.itemGet({ access_token: 'access-sandbox-x', colour: 'red' } as never),
    );
    expect(unknown.data).toMatchObject({ error_type: 'INVALID_REQUEST', error_code: 'UNKNOWN_FIELDS' });
    expect(unknown.data.error_message).toContain('colour');

    const missing = await plaidFailure(h.plaid.itemGet({} as never));
    expect(missing.data).toMatchObject({ error_code: 'MISSING_FIELDS' });
    expect(missing.data.error_message).toContain('access_token');

    const wrongType = await plaidFailure(
      h.plaid.transactionsSync({ access_token: 'access-sandbox-x', count: 'many' } as never),
    );
    expect(wrongType.data).toMatchObject({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD' });

    const tooMany = await plaidFailure(
      h.plaid.transactionsSync({ access_token: 'access-sandbox-x', count: 501 }),
    );
    expect(tooMany.data.error_code).toBe('INVALID_FIELD');

    const badToken = await plaidFailure(h.plaid.accountsGet({ access_token: fakeAccessToken() }));
    expect(badToken.data).toMatchObject({ error_type: 'INVALID_INPUT', error_code: 'INVALID_ACCESS_TOKEN' });

    const unsupported = await plaidFailure(
      h.plaid.sandboxPublicTokenCreate({
        institution_id: 'ins_109512',
        initial_products: [Products.Investments],
      }),
    );
    expect(unsupported.data).toMatchObject({
      error_type: 'ITEM_ERROR',
      error_code: 'PRODUCTS_NOT_SUPPORTED',
    });

    const institution = await plaidFailure(
      h.plaid.institutionsGetById({ institution_id: 'ins_nope', country_codes: [CountryCode.Us] }),
    );
    expect(institution.data.error_code).toBe('INVALID_INSTITUTION');
  });

  it('answers unknown paths with 404 NOT_FOUND and unparsable bodies with INVALID_BODY', async () => {
    const headers = {
      'PLAID-CLIENT-ID': h.sim.clientId,
      'PLAID-SECRET': h.sim.secret,
      'Content-Type': 'application/json',
    };
    const notFound = await fetch(`${h.sim.url}/no/such/endpoint`, { method: 'POST', headers, body: '{}' });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({
      error_type: 'INVALID_REQUEST',
      error_code: 'NOT_FOUND',
      status: 404,
    });
    const garbled = await fetch(`${h.sim.url}/item/get`, {
      method: 'POST',
      headers,
      body: '{"access_token":',
    });
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toMatchObject({ error_code: 'INVALID_BODY' });
  });

  it('accepts the keys in the body as well as in headers', async () => {
    const response = await fetch(`${h.sim.url}/institutions/get_by_id`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_id: h.sim.clientId,
        secret: h.sim.secret,
        institution_id: 'ins_109512',
        country_codes: ['US'],
      }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { institution: { name: string } }).institution.name).toBe(
      'Houndstooth Bank',
    );
  });

  it('exchanges a public token once only', async () => {
    const { data } = await h.plaid.sandboxPublicTokenCreate({
      institution_id: 'ins_109508',
      initial_products: [Products.Transactions],
    });
    await h.plaid.itemPublicTokenExchange({ public_token: data.public_token });
    const replay = await plaidFailure(h.plaid.itemPublicTokenExchange({ public_token: data.public_token }));
    expect(replay.data).toMatchObject({ error_type: 'INVALID_INPUT', error_code: 'INVALID_PUBLIC_TOKEN' });
  });

  it('refuses a public token older than 30 minutes', async () => {
    const { data } = await h.plaid.sandboxPublicTokenCreate({
      institution_id: 'ins_109508',
      initial_products: [Products.Transactions],
    });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 31 * 60 * 1000);
      const expired = await plaidFailure(
        h.plaid.itemPublicTokenExchange({ public_token: data.public_token }),
      );
      expect(expired.data).toMatchObject({ error_code: 'INVALID_PUBLIC_TOKEN' });
      expect(expired.data.error_message).toContain('expired');
    } finally {
      vi.useRealTimers();
    }
  });

  it('removes an Item: its access token stops working', async () => {
    const { accessToken } = await h.linkItem({ daysRequested: 10 });
    await h.plaid.itemRemove({ access_token: accessToken });
    const after = await plaidFailure(h.plaid.itemGet({ access_token: accessToken }));
    expect(after.data.error_code).toBe('INVALID_ACCESS_TOKEN');
  });

  it('describes the Item with /item/get', async () => {
    const { accessToken, itemId } = await h.linkItem({ institutionId: 'ins_109512' });
    const { data } = await h.plaid.itemGet({ access_token: accessToken });
    expect(data.item).toMatchObject({
      item_id: itemId,
      institution_id: 'ins_109512',
      institution_name: 'Houndstooth Bank',
      billed_products: ['transactions'],
      error: null,
      webhook: null,
    });
    expect(data.item.available_products).toEqual(expect.arrayContaining(['auth', 'identity']));
  });

  it('creates link tokens that expire after four hours and echo their settings', async () => {
    const before = Date.now();
    const { data } = await h.plaid.linkTokenCreate({
      client_name: 'Coffer',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'local-user' },
      products: [Products.Transactions],
      transactions: { days_requested: 730 },
      webhook: 'https://example.com/hooks',
    });
    expect(data.link_token).toMatch(/^link-sandbox-[0-9a-f-]{36}$/);
    const lifetime = Date.parse(data.expiration) - before;
    expect(lifetime).toBeGreaterThan(4 * 3600_000 - 5000);
    expect(lifetime).toBeLessThan(4 * 3600_000 + 5000);
    const { data: got } = await h.plaid.linkTokenGet({ link_token: data.link_token });
    expect(got.metadata).toMatchObject({
      initial_products: ['transactions'],
      webhook: 'https://example.com/hooks',
      client_name: 'Coffer',
    });

    const tooLong = await plaidFailure(
      h.plaid.linkTokenCreate({
        client_name: 'Coffer',
        language: 'en',
        country_codes: [CountryCode.Us],
        user: { client_user_id: 'u' },
        products: [Products.Transactions],
        transactions: { days_requested: 731 },
      }),
    );
    expect(tooLong.data.error_code).toBe('INVALID_FIELD');
    const balance = await plaidFailure(
      h.plaid.linkTokenCreate({
        client_name: 'C',
        language: 'en',
        country_codes: [CountryCode.Us],
        user: { client_user_id: 'u' },
        products: [Products.Balance],
      }),
    );
    expect(balance.data.error_code).toBe('INVALID_PRODUCT');
  });

  it('returns institution metadata and status when asked', async () => {
    const plain = await h.plaid.institutionsGetById({
      institution_id: 'ins_109508',
      country_codes: [CountryCode.Us],
    });
    expect(plain.data.institution).toMatchObject({
      name: 'First Platypus Bank',
      logo: null,
      status: null,
      oauth: false,
    });
    expect(plain.data.institution.products).toEqual(
      expect.arrayContaining(['transactions', 'auth', 'identity', 'investments', 'liabilities', 'assets']),
    );
    const rich = await h.plaid.institutionsGetById({
      institution_id: 'ins_109508',
      country_codes: [CountryCode.Us],
      options: { include_optional_metadata: true, include_status: true },
    });
    expect(
      Buffer.from(rich.data.institution.logo ?? '', 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(rich.data.institution.primary_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(rich.data.institution.status?.transactions_updates?.status).toBe('HEALTHY');
  });
});

describe('the simulated clock', () => {
  let h: SimHarness;
  afterEach(() => h.close());

  it('turns pendings into posted transactions: pending removed, posted added with pending_transaction_id', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    const { accessToken, itemId } = await h.linkItem({ daysRequested: 60 });
    const first = await h.syncAll(accessToken);
    const pendings = first.added.filter((t) => t.pending);
    expect(pendings.length).toBeGreaterThan(0);

    expect(await h.advanceClock(4)).toBe('2026-03-19');
    const second = await h.syncAll(accessToken, first.cursor, 50);
    const removedIds = new Set(second.removed.map((r) => r.transaction_id));
    for (const pending of pendings) {
      expect(removedIds).toContain(pending.transaction_id);
      const posted = second.added.find((t) => t.pending_transaction_id === pending.transaction_id);
      expect(posted, `posted successor of ${pending.name}`).toBeDefined();
      expect(posted!.pending).toBe(false);
      expect(posted!.transaction_id).not.toBe(pending.transaction_id);
      expect(posted!.account_id).toBe(pending.account_id);
    }
    expect(second.added.some((t) => t.date > CLOCK)).toBe(true);

    // Applying both updates reproduces exactly what a perfect client holds.
    const held = new Map(first.added.map((t) => [t.transaction_id, t]));
    for (const r of second.removed) held.delete(r.transaction_id);
    for (const t of [...second.added, ...second.modified]) held.set(t.transaction_id, t);
    const truth = await h.truth(itemId);
    expect([...held.keys()].sort()).toEqual(truth.map((t) => t.transaction_id).sort());
    for (const t of truth)
      expect(held.get(t.transaction_id)).toMatchObject({
        amount: t.amount,
        pending: t.pending,
        date: t.date,
      });
  });

  it('fails a pagination whose data changed under it, and a restart from the start cursor succeeds', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    const { accessToken } = await h.linkItem({ daysRequested: 730 });
    const { data: page1 } = await h.plaid.transactionsSync({ access_token: accessToken, count: 50 });
    expect(page1.has_more).toBe(true);
    await h.advanceClock(1);
    const failed = await plaidFailure(
      h.plaid.transactionsSync({ access_token: accessToken, cursor: page1.next_cursor, count: 50 }),
    );
    expect(failed.status).toBe(400);
    expect(failed.data).toMatchObject({
      error_type: 'TRANSACTIONS_ERROR',
      error_code: 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION',
    });
    const restarted = await h.syncAll(accessToken, '', 50);
    expect(restarted.added.length).toBeGreaterThanOrEqual(500);
  });

  it('rejects a cursor that is not one of its own', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    const { accessToken } = await h.linkItem({ daysRequested: 10 });
    const bad = await plaidFailure(
      h.plaid.transactionsSync({ access_token: accessToken, cursor: 'not-a-cursor!' }),
    );
    expect(bad.data).toMatchObject({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD' });
    const other = await h.linkItem({ daysRequested: 10 });
    const { data } = await h.plaid.transactionsSync({ access_token: other.accessToken });
    const foreign = await plaidFailure(
      h.plaid.transactionsSync({ access_token: accessToken, cursor: data.next_cursor }),
    );
    expect(foreign.data.error_code).toBe('INVALID_FIELD');
  });

  it('keeps balances consistent with the transactions that posted between two days', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    const { accessToken, itemId } = await h.linkItem({ daysRequested: 90 });
    const before = (await h.plaid.accountsGet({ access_token: accessToken })).data.accounts;
    await h.advanceClock(40);
    const after = (await h.plaid.accountsGet({ access_token: accessToken })).data.accounts;
    const truth = await h.truth(itemId);
    // Investment and loan accounts move with markets and amortization, not with transactions.
    for (const [i, account] of after.entries()) {
      if (account.type !== 'depository' && account.type !== 'credit') continue;
      const flow = truth
        .filter((t) => t.account_id === account.account_id && !t.pending && t.date > CLOCK)
        .reduce((sum, t) => sum + t.amount, 0);
      const sign = account.type === 'credit' ? 1 : -1;
      expect(account.balances.current).toBeCloseTo(before[i]!.balances.current! + sign * flow, 2);
    }
  });
});

describe('persisted state', () => {
  let dir: string;
  const harnesses: SimHarness[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plaid-sim-'));
  });
  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map((x) => x.close()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('survives a restart: a new simulator over the same file knows the Item and its access token', async () => {
    const statePath = join(dir, 'restart.json');
    const first = await startHarness({ clock: CLOCK, statePath });
    harnesses.push(first);
    const { accessToken, itemId } = await first.linkItem({ daysRequested: 120 });
    const accountsBefore = (await first.plaid.accountsGet({ access_token: accessToken })).data.accounts;
    const syncBefore = await first.syncAll(accessToken);
    await first.close();
    harnesses.pop();

    const second = await startHarness({ clock: CLOCK, statePath });
    harnesses.push(second);
    const { data } = await second.plaid.accountsGet({ access_token: accessToken });
    expect(data.item.item_id).toBe(itemId);
    expect(data.accounts).toEqual(accountsBefore);
    const again = await second.syncAll(accessToken, syncBefore.cursor);
    expect([again.added, again.removed]).toEqual([[], []]);
    const full = await second.syncAll(accessToken);
    expect(full.added).toEqual(syncBefore.added);
  });

  it('never writes a token or the secret into the state file', async () => {
    const statePath = join(dir, 'secrets.json');
    const h = await startHarness({ clock: CLOCK, statePath, secret: 'a-very-secret-secret' });
    harnesses.push(h);
    const { data: created } = await h.plaid.sandboxPublicTokenCreate({
      institution_id: 'ins_109508',
      initial_products: [Products.Transactions],
    });
    const { data: exchanged } = await h.plaid.itemPublicTokenExchange({ public_token: created.public_token });
    const { data: link } = await h.plaid.linkTokenCreate({
      client_name: 'Coffer',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'u' },
      products: [Products.Transactions],
    });
    await h.advanceClock(2);
    const text = readFileSync(statePath, 'utf8');
    expect(text).toContain(exchanged.item_id);
    for (const secret of [
      exchanged.access_token,
      created.public_token,
      link.link_token,
      'a-very-secret-secret',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/(access|public|link)-sandbox-/);
  });

  it('lets two simulators share one state file (Items and clock)', async () => {
    const statePath = join(dir, 'shared.json');
    const a = await startHarness({ clock: CLOCK, statePath });
    const b = await startHarness({ clock: CLOCK, statePath });
    harnesses.push(a, b);
    const { accessToken, itemId } = await a.linkItem({ daysRequested: 30 });
    const { data } = await b.plaid.itemGet({ access_token: accessToken });
    expect(data.item.item_id).toBe(itemId);
    await b.advanceClock(3);
    expect((await a.admin<{ today: string }>('GET', '/__sim/clock')).today).toBe('2026-03-18');
  });
});

function pendingSpend(
  truth: { account_id: string; pending: boolean; amount: number }[],
  accountId: string,
): number {
  return truth
    .filter((t) => t.account_id === accountId && t.pending && t.amount > 0)
    .reduce((s, t) => s + t.amount, 0);
}

describe('Link stand-in endpoints and admin API', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
  });
  afterAll(() => h.close());

  const linkPost = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${h.sim.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('runs update mode for an existing Item: straight to its institution, same Item afterwards', async () => {
    const { accessToken, itemId } = await h.linkItem({ institutionId: 'ins_109510', daysRequested: 30 });
    const { data } = await h.plaid.linkTokenCreate({
      client_name: 'Coffer',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'u' },
      access_token: accessToken,
    });
    const session = await linkPost('/__link/session', { link_token: data.link_token });
    expect(session.body.update_institution).toMatchObject({
      institution_id: 'ins_109510',
      name: 'Tattersall Federal Credit Union',
    });
    const login = await linkPost('/__link/credentials', {
      link_token: data.link_token,
      link_session_id: session.body.link_session_id,
      institution_id: 'ins_109510',
      username: 'user_good',
      password: 'pass_good',
    });
    expect(login.status).toBe(200);
    const done = await linkPost('/__link/complete', {
      link_token: data.link_token,
      link_session_id: session.body.link_session_id,
      account_ids: (login.body.accounts as { id: string }[]).map((a) => a.id),
    });
    expect(done.status).toBe(200);
    expect(done.body.metadata).toMatchObject({ institution: { institution_id: 'ins_109510' } });
    const { data: item } = await h.plaid.itemGet({ access_token: accessToken });
    expect(item.item.item_id).toBe(itemId);
  });

  it('refuses Link calls with an unknown link token', async () => {
    const result = await linkPost('/__link/session', {
      link_token: 'link-sandbox-00000000-0000-0000-0000-000000000000',
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error_type: 'INVALID_INPUT', error_code: 'INVALID_LINK_TOKEN' });
  });

  it('serves link-initialize.js to any origin and the Link UI to any frame', async () => {
    const script = await fetch(`${h.sim.url}/link/v2/stable/link-initialize.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    expect(await script.text()).toContain('Plaid');
    const ui = await fetch(`${h.sim.url}/__link/ui?token=x`);
    expect(ui.headers.get('x-frame-options')).toBeNull();
    expect(ui.headers.get('content-security-policy')).toContain('frame-ancestors *');
  });

  it('keeps the admin API behind the client keys', async () => {
    const anonymous = await fetch(`${h.sim.url}/__sim/clock`);
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toMatchObject({ error_code: 'INVALID_API_KEYS' });
    expect(await h.admin('GET', '/__sim/clock')).toMatchObject({ today: CLOCK, base: CLOCK, offset_days: 0 });
    await expect(h.advanceClock(-1)).rejects.toThrow(/INVALID_FIELD/);
  });
});
