/**
 * The product endpoints (balances, /transactions/get, recurring, Auth, Identity, Investments,
 * Liabilities, Asset Reports, Bank Income) driven through the official `plaid` SDK: every
 * response, success or error, validates against Plaid's OpenAPI spec (each spec source the
 * loader knows), and every request the SDK sent validates against the request schemas.
 */
import { CountryCode, Products, type PlaidApi } from 'plaid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAID_ROUTES } from '../../sim/plaid-routes';
import { startHarness, type SimHarness } from '../../sim/testing';
import { fetchRecordedRequests, loadSpec, requestContractViolations, type RecordedRequests } from './openapi';
import { PRODUCT_PATHS } from './product-paths';

const CLOCK = '2026-03-15';

interface Exchange {
  label: string;
  path: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

type SdkReply = { status: number; data: unknown; headers: Record<string, unknown> };

let h: SimHarness;
let plaid: PlaidApi;
const exchanges: Exchange[] = [];
let recorded: RecordedRequests;

/** Makes one SDK call and keeps what came back, success or Plaid error. */
async function call(label: string, path: string, request: () => Promise<SdkReply>): Promise<Exchange> {
  let reply: SdkReply;
  try {
    reply = await request();
  } catch (err) {
    const response = (err as { response?: SdkReply }).response;
    if (!response) throw err;
    reply = response;
  }
  const headers = Object.fromEntries(
    Object.entries(reply.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const exchange = { label, path, status: reply.status, body: reply.data, headers };
  exchanges.push(exchange);
  return exchange;
}

function body(e: Exchange): Record<string, unknown> {
  return e.body as Record<string, unknown>;
}

function find(label: string): Exchange {
  const e = exchanges.find((x) => x.label === label);
  if (!e) throw new Error(`no exchange "${label}"`);
  return e;
}

async function waitForReport(token: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const e = await call('asset report get (polling)', '/asset_report/get', () =>
      plaid.assetReportGet({ asset_report_token: token }),
    );
    if (e.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the asset report never became ready');
}

beforeAll(async () => {
  h = await startHarness({ clock: CLOCK, statePath: null });
  plaid = h.plaid;
  const everything = [
    Products.Transactions,
    Products.Assets,
    Products.Auth,
    Products.Identity,
    Products.Investments,
    Products.Liabilities,
  ];
  const full = await h.linkItem({ products: everything });
  const token = full.accessToken;
  const houndstooth = await h.linkItem({ institutionId: 'ins_109512' });
  const tattersall = await h.linkItem({ institutionId: 'ins_109510' });
  const oauthBank = await h.linkItem({ institutionId: 'ins_127287' });
  const removed = await h.linkItem();
  await plaid.itemRemove({ access_token: removed.accessToken });

  // Balances and transactions
  const balances = await call('balance', '/accounts/balance/get', () =>
    plaid.accountsBalanceGet({ access_token: token }),
  );
  const accounts = body(balances).accounts as { account_id: string; type: string; subtype: string }[];
  const checking = accounts.find((a) => a.subtype === 'checking')!.account_id;
  const ira = accounts.find((a) => a.subtype === 'ira')!.account_id;
  await call('balance, one account', '/accounts/balance/get', () =>
    plaid.accountsBalanceGet({ access_token: token, options: { account_ids: [checking] } }),
  );
  await call('balance, removed item', '/accounts/balance/get', () =>
    plaid.accountsBalanceGet({ access_token: removed.accessToken }),
  );
  await call('transactions get, page 1', '/transactions/get', () =>
    plaid.transactionsGet({
      access_token: token,
      start_date: '2025-03-15',
      end_date: CLOCK,
      options: { count: 500, offset: 0, include_original_description: true },
    }),
  );
  await call('transactions get, page 2', '/transactions/get', () =>
    plaid.transactionsGet({
      access_token: token,
      start_date: '2025-03-15',
      end_date: CLOCK,
      options: { count: 500, offset: 500 },
    }),
  );
  await call('transactions get, checking only', '/transactions/get', () =>
    plaid.transactionsGet({
      access_token: token,
      start_date: '2026-01-01',
      end_date: '2026-01-31',
      options: { account_ids: [checking] },
    }),
  );
  await call('transactions get, reversed range', '/transactions/get', () =>
    plaid.transactionsGet({ access_token: token, start_date: CLOCK, end_date: '2026-01-01' }),
  );
  await call('transactions get, count too big', '/transactions/get', () =>
    plaid.transactionsGet({
      access_token: token,
      start_date: '2026-01-01',
      end_date: CLOCK,
      options: { count: 501 },
    }),
  );
  // account_ids is optional in the current spec but required by the older one: send it.
  await call('recurring', '/transactions/recurring/get', () =>
    plaid.transactionsRecurringGet({ access_token: token, account_ids: accounts.map((a) => a.account_id) }),
  );
  await call('recurring, unknown account', '/transactions/recurring/get', () =>
    plaid.transactionsRecurringGet({ access_token: token, account_ids: ['nope'] }),
  );

  // Auth and Identity
  await call('auth', '/auth/get', () => plaid.authGet({ access_token: token }));
  await call('auth, missing access token', '/auth/get', () =>
    plaid.authGet({ access_token: undefined as unknown as string }),
  );
  await call('identity', '/identity/get', () => plaid.identityGet({ access_token: token }));
  await call('identity, unknown option', '/identity/get', () =>
    plaid.identityGet({ access_token: token, options: { account_ids: [checking], colour: 'red' } as never }),
  );

  // Investments
  await call('holdings', '/investments/holdings/get', () =>
    plaid.investmentsHoldingsGet({ access_token: token }),
  );
  await call('holdings, houndstooth', '/investments/holdings/get', () =>
    plaid.investmentsHoldingsGet({ access_token: houndstooth.accessToken }),
  );
  await call('holdings, tattersall', '/investments/holdings/get', () =>
    plaid.investmentsHoldingsGet({ access_token: tattersall.accessToken }),
  );
  await call('investment transactions, page 1', '/investments/transactions/get', () =>
    plaid.investmentsTransactionsGet({
      access_token: token,
      start_date: '2024-03-15',
      end_date: CLOCK,
      options: { count: 100, offset: 0 },
    }),
  );
  await call('investment transactions, page 2', '/investments/transactions/get', () =>
    plaid.investmentsTransactionsGet({
      access_token: token,
      start_date: '2024-03-15',
      end_date: CLOCK,
      options: { count: 100, offset: 100, account_ids: [ira] },
    }),
  );
  await call('investment transactions, bad date', '/investments/transactions/get', () =>
    plaid.investmentsTransactionsGet({ access_token: token, start_date: '2026-02-30', end_date: CLOCK }),
  );

  // Liabilities
  await call('liabilities', '/liabilities/get', () => plaid.liabilitiesGet({ access_token: token }));
  await call('liabilities, houndstooth', '/liabilities/get', () =>
    plaid.liabilitiesGet({ access_token: houndstooth.accessToken }),
  );
  await call('liabilities, oauth bank', '/liabilities/get', () =>
    plaid.liabilitiesGet({ access_token: oauthBank.accessToken }),
  );

  // Asset Reports
  const created = await call('asset report create', '/asset_report/create', () =>
    plaid.assetReportCreate({
      access_tokens: [token],
      days_requested: 60,
      options: {
        client_report_id: 'loan-42',
        webhook: 'https://example.com/assets',
        user: { first_name: 'Alberta' },
      },
    }),
  );
  const reportToken = body(created).asset_report_token as string;
  await call('asset report get, not ready', '/asset_report/get', () =>
    plaid.assetReportGet({ asset_report_token: reportToken }),
  );
  await call('asset report pdf, not ready', '/asset_report/pdf/get', () =>
    plaid.assetReportPdfGet({ asset_report_token: reportToken }, { responseType: 'arraybuffer' }),
  );
  await call('asset report create, item without assets', '/asset_report/create', () =>
    plaid.assetReportCreate({ access_tokens: [houndstooth.accessToken], days_requested: 30 }),
  );
  await waitForReport(reportToken);
  await call('asset report get', '/asset_report/get', () =>
    plaid.assetReportGet({ asset_report_token: reportToken }),
  );
  await call('asset report pdf', '/asset_report/pdf/get', () =>
    plaid.assetReportPdfGet({ asset_report_token: reportToken }, { responseType: 'arraybuffer' }),
  );
  const refreshed = await call('asset report refresh', '/asset_report/refresh', () =>
    plaid.assetReportRefresh({ asset_report_token: reportToken, days_requested: 30 }),
  );
  await h.advanceClock(1);
  await call('asset report get, refreshed after a clock step', '/asset_report/get', () =>
    plaid.assetReportGet({ asset_report_token: body(refreshed).asset_report_token as string }),
  );
  await call('asset report refresh, malformed token', '/asset_report/refresh', () =>
    plaid.assetReportRefresh({ asset_report_token: 'nope' }),
  );
  await call('asset report remove', '/asset_report/remove', () =>
    plaid.assetReportRemove({ asset_report_token: reportToken }),
  );
  await call('asset report remove, again', '/asset_report/remove', () =>
    plaid.assetReportRemove({ asset_report_token: reportToken }),
  );

  // Bank Income
  const user = await call('user create', '/user/create', () =>
    plaid.userCreate({ client_user_id: 'coffer-user-1' }),
  );
  await call('user create, missing id', '/user/create', () =>
    plaid.userCreate({ client_user_id: undefined as unknown as string }),
  );
  const userToken = body(user).user_token as string;
  const { data: incomeToken } = await plaid.sandboxPublicTokenCreate({
    institution_id: 'ins_109508',
    initial_products: [Products.IncomeVerification],
    user_token: userToken,
    options: {
      income_verification: { income_source_types: ['bank' as never], bank_income: { days_requested: 120 } },
    },
  });
  await plaid.itemPublicTokenExchange({ public_token: incomeToken.public_token });
  await call('bank income', '/credit/bank_income/get', () =>
    plaid.creditBankIncomeGet({ user_token: userToken, options: { count: 1 } }),
  );
  await call('bank income, unknown user', '/credit/bank_income/get', () =>
    plaid.creditBankIncomeGet({ user_token: 'user-sandbox-00000000-0000-0000-0000-000000000000' }),
  );
  await call('bank income pdf', '/credit/bank_income/pdf/get', () =>
    plaid.creditBankIncomePdfGet({ user_token: userToken }, { responseType: 'arraybuffer' }),
  );
  await call('bank income pdf, unknown user', '/credit/bank_income/pdf/get', () =>
    plaid.creditBankIncomePdfGet({ user_token: 'user-sandbox-0' }, { responseType: 'arraybuffer' }),
  );
  await call('credit sessions', '/credit/sessions/get', () =>
    plaid.creditSessionsGet({ user_token: userToken }),
  );
  await call('credit sessions, unknown user', '/credit/sessions/get', () =>
    plaid.creditSessionsGet({ user_token: 'user-sandbox-1' }),
  );

  // Account discovery paths for Link and the sandbox shortcut.
  await call('balance, oauth bank', '/accounts/balance/get', () =>
    plaid.accountsBalanceGet({ access_token: oauthBank.accessToken }),
  );
  await plaid.institutionsGetById({ institution_id: 'ins_127287', country_codes: [CountryCode.Us] });

  recorded = await fetchRecordedRequests(h.sim.url, h.sim.clientId, h.sim.secret);
}, 120_000);

afterAll(() => h?.close());

/** PDF bodies arrive as bytes (the SDK's arraybuffer response type). */
function bytesOf(e: Exchange): Buffer {
  return Buffer.from(e.body as ArrayBuffer);
}

/** A PDF endpoint's error body arrives as bytes too; Plaid's errors are always JSON. */
function jsonOf(e: Exchange): unknown {
  return e.body instanceof ArrayBuffer || Buffer.isBuffer(e.body)
    ? JSON.parse(bytesOf(e).toString('utf8'))
    : e.body;
}

describe('product endpoints over the plaid SDK', () => {
  it('are all served, and exist in Plaid’s spec', () => {
    expect(PRODUCT_PATHS.filter((p) => !(p in PLAID_ROUTES))).toEqual([]);
  });

  it('each succeeded and failed at least once', () => {
    for (const path of PRODUCT_PATHS) {
      expect(
        exchanges.some((e) => e.path === path && e.status === 200),
        `${path} succeeded`,
      ).toBe(true);
      expect(
        exchanges.some((e) => e.path === path && e.status >= 400),
        `${path} failed`,
      ).toBe(true);
    }
  });

  it('fail with the codes Plaid documents', () => {
    const code = (label: string) => (jsonOf(find(label)) as { error_code: string }).error_code;
    const type = (label: string) => (jsonOf(find(label)) as { error_type: string }).error_type;
    expect(code('balance, removed item')).toBe('INVALID_ACCESS_TOKEN');
    expect(code('transactions get, reversed range')).toBe('INVALID_FIELD');
    expect(code('transactions get, count too big')).toBe('INVALID_FIELD');
    expect(code('recurring, unknown account')).toBe('INVALID_ACCOUNT_ID');
    expect(code('auth, missing access token')).toBe('MISSING_FIELDS');
    expect(code('identity, unknown option')).toBe('UNKNOWN_FIELDS');
    expect(code('holdings, houndstooth')).toBe('PRODUCTS_NOT_SUPPORTED');
    expect(code('holdings, tattersall')).toBe('NO_INVESTMENT_ACCOUNTS');
    expect(code('investment transactions, bad date')).toBe('INVALID_FIELD');
    expect(code('liabilities, houndstooth')).toBe('PRODUCTS_NOT_SUPPORTED');
    expect(code('liabilities, oauth bank')).toBe('NO_LIABILITY_ACCOUNTS');
    expect([code('asset report get, not ready'), type('asset report get, not ready')]).toEqual([
      'PRODUCT_NOT_READY',
      'ASSET_REPORT_ERROR',
    ]);
    expect(code('asset report pdf, not ready')).toBe('PRODUCT_NOT_READY');
    expect(type('asset report create, item without assets')).toBe('ASSET_REPORT_ERROR');
    expect(code('user create, missing id')).toBe('MISSING_FIELDS');
    expect(code('bank income, unknown user')).toBe('INVALID_USER_TOKEN');
    expect(code('credit sessions, unknown user')).toBe('INVALID_USER_TOKEN');
    expect(find('asset report remove, again').status).toBe(400);
  });

  it('serve real PDFs with a Plaid-Request-ID header', () => {
    for (const label of ['asset report pdf', 'bank income pdf']) {
      const e = find(label);
      expect(e.status, label).toBe(200);
      expect(e.headers['content-type']).toBe('application/pdf');
      expect(e.headers['plaid-request-id']).toMatch(/^[A-Za-z0-9]{15}$/);
      const pdf = bytesOf(e).toString('latin1');
      expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
      expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
      // The cross-reference table points at each object's real offset.
      const xrefAt = Number(/startxref\n(\d+)\n%%EOF/.exec(pdf)?.[1]);
      expect(pdf.slice(xrefAt, xrefAt + 4)).toBe('xref');
      const offsets = [...pdf.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
      offsets.forEach((offset, i) => expect(pdf.startsWith(`${i + 1} 0 obj\n`, offset)).toBe(true));
    }
    expect(bytesOf(find('asset report pdf')).toString('latin1')).toContain('First Platypus Bank');
  });
});

// The preferred spec only (loadSpec throws, failing the suite, when there is none).
describe.each([loadSpec().source])('product responses against Plaid’s OpenAPI spec (%s)', (source) => {
  const spec = loadSpec(source);

  it('every path is in the spec', () => {
    expect(PRODUCT_PATHS.filter((p) => !spec.paths.includes(p))).toEqual([]);
  });

  it('every JSON response validates (0 violations)', () => {
    expect(exchanges.filter((e) => e.headers['content-type'] !== 'application/pdf').length).toBeGreaterThan(
      0,
    );
    const violations = exchanges.flatMap((e) => {
      if (e.status === 200 && e.headers['content-type'] === 'application/pdf') return [];
      const result = spec.validateResponse(e.path, e.status, jsonOf(e));
      return result.errors.map((error) => `${e.label} (${e.path} → ${e.status}): ${error}`);
    });
    expect(violations).toEqual([]);
  });

  it('PDF responses have the media type the spec documents', () => {
    for (const path of ['/asset_report/pdf/get', '/credit/bank_income/pdf/get']) {
      expect(spec.responseMediaTypes(path, 200)).toContain('application/pdf');
    }
  });

  it('every request the SDK sent validates; the simulator refuses exactly the malformed ones', () => {
    const ours = Object.entries(recorded).filter(([path]) => PRODUCT_PATHS.includes(path as never));
    const accepted = Object.fromEntries(
      ours.map(([path, list]) => [path, list.filter((r) => r.status === 200)]),
    );
    expect(requestContractViolations(accepted, spec)).toEqual([]);
    const malformed = ours.flatMap(([path, list]) =>
      list.filter((r) => !spec.validateRequest(path, r.body).valid).map((r) => ({ path, status: r.status })),
    );
    // count 501, a missing access_token, an unknown option, 2026-02-30, a missing client_user_id;
    // the spec built from the SDK knows no bounds or formats, so it sees only the last three.
    const expected = [
      '/auth/get',
      '/identity/get',
      '/investments/transactions/get',
      '/transactions/get',
      '/user/create',
    ];
    const seen = malformed.map((m) => m.path).sort();
    if (spec.source === 'sdk') expect(seen).toEqual(['/auth/get', '/identity/get', '/user/create']);
    else expect(seen).toEqual(expected);
    for (const m of malformed) expect(m.status, m.path).toBe(400);
    const text = JSON.stringify(recorded);
    expect(text).not.toContain(h.sim.secret);
    expect(text).not.toMatch(/(access|assets|user)-sandbox-[0-9a-f-]{36}/);
  });
});
