/**
 * Consent as Plaid models it: an Item holds the products Link added and the products its user
 * consented to; a data endpoint for a product without consent answers ADDITIONAL_CONSENT_REQUIRED
 * until update mode collects it; /item/get says so at every step. Every response is checked
 * against Plaid's spec.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type SimHarness } from '../../sim/testing';
import { loadSpec, type LoadedSpec } from './openapi';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

interface ItemView {
  products: string[];
  consented_products: string[];
  available_products: string[];
  billed_products: string[];
}

describe('consent to products, as Plaid keeps it', () => {
  let h: SimHarness;
  let spec: LoadedSpec;
  let validated = 0;

  async function plaid(path: string, body: Record<string, unknown>): Promise<Reply> {
    const reply = await h.call(path, body);
    expect(spec.validateRequest(path, body).errors, `request to ${path}`).toEqual([]);
    expect(spec.validateResponse(path, reply.status, reply.body).errors, `response of ${path}`).toEqual([]);
    validated++;
    return reply;
  }

  async function itemOf(accessToken: string): Promise<ItemView> {
    const reply = await plaid('/item/get', { access_token: accessToken });
    expect(reply.status).toBe(200);
    const item = reply.body.item as ItemView;
    return {
      products: [...item.products].sort(),
      consented_products: [...item.consented_products].sort(),
      available_products: [...item.available_products].sort(),
      billed_products: [...item.billed_products].sort(),
    };
  }

  async function throughLink(linkToken: string, institutionId: string): Promise<string> {
    return (await h.linkThroughStandIn(linkToken, institutionId)).publicToken;
  }

  async function linkToken(body: Record<string, unknown>): Promise<Reply> {
    return plaid('/link/token/create', {
      client_name: 'Coffer',
      language: 'en',
      country_codes: ['US'],
      user: { client_user_id: 'local-user' },
      ...body,
    });
  }

  async function linkNew(institutionId: string, products: Record<string, unknown>): Promise<string> {
    const token = await linkToken(products);
    expect(token.status).toBe(200);
    const publicToken = await throughLink(token.body.link_token as string, institutionId);
    const exchanged = await plaid('/item/public_token/exchange', { public_token: publicToken });
    return exchanged.body.access_token as string;
  }

  beforeAll(async () => {
    spec = loadSpec();
    h = await startHarness({ clock: '2026-03-15', statePath: null });
  });
  afterAll(async () => {
    await h?.close();
    // A contract test that checked nothing would pass vacuously.
    expect(validated).toBeGreaterThan(0);
  });

  it('refuses a product without consent until update mode collects it; /item/get agrees at each step', async () => {
    const accessToken = await linkNew('ins_109508', { products: ['transactions'] });
    expect(await itemOf(accessToken)).toMatchObject({
      products: ['transactions'],
      consented_products: ['transactions'],
      billed_products: ['transactions'],
    });
    expect((await itemOf(accessToken)).available_products).toContain('investments');

    const refused = await plaid('/investments/holdings/get', { access_token: accessToken });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error_type: 'INVALID_INPUT',
      error_code: 'ADDITIONAL_CONSENT_REQUIRED',
    });
    expect(spec.validateSchema('PlaidError', refused.body).errors).toEqual([]);
    expect((await itemOf(accessToken)).products).toEqual(['transactions']);

    // Update mode adds consent only: no `products` (those are for Assets and Income).
    const wrongWay = await linkToken({ access_token: accessToken, products: ['investments'] });
    expect(wrongWay.status).toBe(400);
    expect(wrongWay.body.error_code).toBe('INVALID_FIELD');

    const update = await linkToken({
      access_token: accessToken,
      additional_consented_products: ['investments'],
    });
    expect(update.status).toBe(200);
    await throughLink(update.body.link_token as string, 'ins_109508');
    expect(await itemOf(accessToken)).toMatchObject({
      products: ['transactions'],
      consented_products: ['investments', 'transactions'],
    });

    const holdings = await plaid('/investments/holdings/get', { access_token: accessToken });
    expect(holdings.status).toBe(200);
    const after = await itemOf(accessToken);
    expect(after).toMatchObject({
      products: ['investments', 'transactions'],
      consented_products: ['investments', 'transactions'],
      billed_products: ['investments', 'transactions'],
    });
    expect(after.available_products).not.toContain('investments');
  });

  it('adds optional products only where the chosen accounts serve them; consent-only ones on first use', async () => {
    // Tattersall offers Investments but the user has no investment account there.
    const accessToken = await linkNew('ins_109510', {
      products: ['transactions'],
      optional_products: ['investments', 'liabilities'],
      additional_consented_products: ['auth'],
    });
    const linked = await itemOf(accessToken);
    expect(linked.products).toEqual(['liabilities', 'transactions']);
    expect(linked.consented_products).toEqual(['auth', 'liabilities', 'transactions']);
    expect(linked.available_products).not.toContain('investments');

    const holdings = await plaid('/investments/holdings/get', { access_token: accessToken });
    expect(holdings.body.error_code).toBe('NO_INVESTMENT_ACCOUNTS');

    const auth = await plaid('/auth/get', { access_token: accessToken });
    expect(auth.status).toBe(200);
    expect((await itemOf(accessToken)).products).toEqual(['auth', 'liabilities', 'transactions']);
  });

  it('keeps the sandbox shortcut to initial_products, and lets the admin API set consent', async () => {
    const created = await plaid('/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['transactions'],
    });
    const exchanged = await plaid('/item/public_token/exchange', { public_token: created.body.public_token });
    const accessToken = exchanged.body.access_token as string;
    const itemId = exchanged.body.item_id as string;
    expect((await plaid('/liabilities/get', { access_token: accessToken })).body.error_code).toBe(
      'ADDITIONAL_CONSENT_REQUIRED',
    );

    const state = await h.admin<{ consented_products: string[] }>('POST', `/__sim/items/${itemId}/consent`, {
      consented_products: ['liabilities'],
    });
    expect([...state.consented_products].sort()).toEqual(['liabilities', 'transactions']);
    expect((await plaid('/liabilities/get', { access_token: accessToken })).status).toBe(200);
    expect((await itemOf(accessToken)).products).toEqual(['liabilities', 'transactions']);
  });
});
