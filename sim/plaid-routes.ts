/**
 * The Plaid endpoints the simulator speaks. Each handler validates its body, works through the
 * core and returns the response without `request_id` (the server adds it to every reply).
 */
import type { z } from 'zod';
import { isoFromDay } from './dates';
import { PlaidApiError, isPlaidErrorCode, itemErrorObject } from './errors';
import { INSTITUTIONS, findInstitution, type InstitutionProfile } from './institutions';
import { institutionStatusOf } from './institution-status';
import { discLogoPng } from './png';
import {
  AccountsGetRequest,
  InstitutionsGetByIdRequest,
  InstitutionsGetRequest,
  ItemGetRequest,
  ItemPublicTokenExchangeRequest,
  ItemRemoveRequest,
  LinkTokenCreateRequest,
  LinkTokenGetRequest,
  SandboxPublicTokenCreateRequest,
  parseRequest,
} from './requests';
import { DEFAULT_DAYS_REQUESTED, type LinkSessionRecord, type SimulatorCore } from './core';
import type { ItemRecord } from './state';
import { controlRoutes } from './control-routes';
import { consentExpirationTime, onItemLinked } from './item-events';
import { BinaryReply } from './http-util';
import { accountsSpecOf, itemAccountsAt } from './products/accounts';
import {
  availableProductsOf,
  consentedProductsOf,
  productsFromLink,
  UPDATE_MODE_PRODUCTS,
} from './products/consent';
import { productRoutes } from './products/routes';
import { interpretCredentials } from './sandbox-credentials';
import { customAccountRecords } from './custom-household';

export type PlaidResponse = Record<string, unknown>;

function institutionObject(
  institution: InstitutionProfile,
  metadata: boolean,
  status: ReturnType<typeof institutionStatusOf> | null,
) {
  return {
    institution_id: institution.institution_id,
    name: institution.name,
    products: institution.products,
    country_codes: ['US'],
    url: metadata ? institution.url : null,
    primary_color: metadata ? institution.primary_color : null,
    logo: metadata ? logoOf(institution) : null,
    routing_numbers: institution.routing_numbers,
    dtc_numbers: [],
    oauth: institution.oauth,
    status,
  };
}
/** PDFs come back as a BinaryReply; everything else is JSON. */
type Handler = (core: SimulatorCore, body: unknown) => PlaidResponse | BinaryReply;

function route<S extends z.ZodType>(
  schema: S,
  handle: (core: SimulatorCore, req: z.infer<S>) => PlaidResponse | BinaryReply,
): Handler {
  return (core, body) => handle(core, parseRequest(schema, body));
}

function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Items in an error state refuse data requests until repaired (update mode). */
function assertHealthy(item: ItemRecord): void {
  if (item.error_code)
    throw new PlaidApiError(isPlaidErrorCode(item.error_code) ? item.error_code : 'ITEM_LOGIN_REQUIRED');
}

function itemObject(core: SimulatorCore, item: ItemRecord): PlaidResponse {
  const institution = core.institutionOf(item);
  return {
    item_id: item.item_id,
    institution_id: institution.institution_id,
    institution_name: institution.name,
    webhook: item.webhook,
    auth_method: null,
    error: item.error_code
      ? itemErrorObject(isPlaidErrorCode(item.error_code) ? item.error_code : 'ITEM_LOGIN_REQUIRED')
      : null,
    available_products: availableProductsOf(institution, item),
    billed_products: item.products,
    products: item.products,
    consented_products: consentedProductsOf(item),
    consent_expiration_time: consentExpirationTime(item),
    update_type: 'background',
    created_at: item.created_at,
  };
}

function linkSessionObject(session: LinkSessionRecord): PlaidResponse {
  return {
    link_session_id: session.link_session_id,
    started_at: session.started_at,
    finished_at: session.finished_at,
    results: session.result
      ? {
          item_add_results: [session.result],
          cra_item_add_results: [],
          cra_update_results: [],
          bank_income_results: [],
          payroll_income_results: [],
          document_income_results: null,
        }
      : null,
    exit: session.exit
      ? {
          error: null,
          metadata: {
            institution: session.exit.institution,
            status: session.exit.status,
            link_session_id: session.link_session_id,
            request_id: null,
          },
        }
      : null,
  };
}

const logos = new Map<string, string>();
function logoOf(institution: InstitutionProfile): string {
  let logo = logos.get(institution.institution_id);
  if (!logo) {
    logo = discLogoPng(institution.primary_color).toString('base64');
    logos.set(institution.institution_id, logo);
  }
  return logo;
}

export const PLAID_ROUTES: Record<string, Handler> = {
  '/link/token/create': route(LinkTokenCreateRequest, (core, req) => {
    if (!req.user && !req.user_id && !req.user_token) {
      throw new PlaidApiError('MISSING_FIELDS', 'the following required fields are missing: user');
    }
    const updateItem = req.access_token ? core.itemByAccessToken(req.access_token) : null;
    const products = req.products ?? [];
    if (products.includes('balance')) {
      throw new PlaidApiError(
        'INVALID_PRODUCT',
        'balance is not a valid product for /link/token/create: it is available with every Item',
      );
    }
    const ifServed = [...(req.required_if_supported_products ?? []), ...(req.optional_products ?? [])];
    const consentOnly = req.additional_consented_products ?? [];
    if (!updateItem && products.length + ifServed.length === 0) {
      throw new PlaidApiError('INVALID_FIELD', 'products must contain at least one product');
    }
    const overlap = consentOnly.filter((p) => products.includes(p) || ifServed.includes(p));
    if (overlap.length)
      throw new PlaidApiError(
        'INVALID_FIELD',
        `additional_consented_products must not repeat products asked for elsewhere: ${overlap.join(', ')}`,
      );
    if (
      (products.includes('income_verification') || ifServed.includes('income_verification')) &&
      !req.user_token
    )
      throw new PlaidApiError(
        'INVALID_FIELD',
        'income_verification needs the user_token of a Plaid user made with /user/create',
      );
    const notAddable = updateItem ? products.filter((p) => !UPDATE_MODE_PRODUCTS.includes(p)) : [];
    if (notAddable.length)
      throw new PlaidApiError(
        'INVALID_FIELD',
        `in update mode, products may only add ${UPDATE_MODE_PRODUCTS.join(', ')}; ask for consent to ${notAddable.join(', ')} in additional_consented_products`,
      );
    const record = core.createLinkToken({
      products: { required: products, ifServed, consentOnly },
      webhook: req.webhook ?? null,
      countryCodes: req.country_codes,
      language: req.language,
      clientName: req.client_name,
      redirectUri: req.redirect_uri ?? null,
      daysRequested: req.transactions?.days_requested ?? DEFAULT_DAYS_REQUESTED,
      updateItemId: updateItem?.item_id ?? null,
      userToken: req.user_token ?? null,
    });
    return { link_token: record.token, expiration: isoTimestamp(record.expiresAt) };
  }),

  '/link/token/get': route(LinkTokenGetRequest, (core, req) => {
    const record = core.linkToken(req.link_token);
    return {
      link_token: record.token,
      created_at: isoTimestamp(record.createdAt),
      expiration: isoTimestamp(record.expiresAt),
      metadata: {
        initial_products: record.config.products.required,
        webhook: record.config.webhook,
        country_codes: record.config.countryCodes,
        language: record.config.language,
        redirect_uri: record.config.redirectUri,
        client_name: record.config.clientName,
      },
      link_sessions: record.sessions.map(linkSessionObject),
    };
  }),

  '/item/public_token/exchange': route(ItemPublicTokenExchangeRequest, (core, req) => {
    const { accessToken, itemId } = core.exchangePublicToken(req.public_token);
    onItemLinked(core, itemId);
    return { access_token: accessToken, item_id: itemId };
  }),

  '/sandbox/public_token/create': route(SandboxPublicTokenCreateRequest, (core, req) => {
    const institution = findInstitution(req.institution_id);
    if (!institution) throw new PlaidApiError('INVALID_INSTITUTION');
    const options = req.options ?? {};
    // MFA is not asked for here: the sandbox shortcut skips Link, where MFA happens.
    const login = interpretCredentials(
      options.override_username ?? 'user_good',
      options.override_password ?? 'pass_good',
    );
    const user = req.user_token ? core.products.users.byUserToken(req.user_token) : undefined;
    if (req.user_token && !user) throw new PlaidApiError('INVALID_USER_TOKEN');
    const prepared = core.prepareItem({
      institution,
      webhook: options.webhook ?? null,
      daysRequested: options.transactions?.days_requested ?? DEFAULT_DAYS_REQUESTED,
      templates: institution.accounts,
      custom: customAccountRecords(login.custom?.override_accounts ?? []),
    });
    const item = {
      ...prepared,
      ...productsFromLink(institution, prepared.account_templates, {
        required: req.initial_products,
        ifServed: [],
        consentOnly: [],
      }),
    };
    if (user) {
      const days = (options.income_verification as { bank_income?: { days_requested?: number } } | undefined)
        ?.bank_income?.days_requested;
      core.products.users.attachItem(user, {
        itemId: item.item_id,
        institutionId: institution.institution_id,
        daysRequested: days,
      });
    }
    return { public_token: core.issuePublicToken({ kind: 'new', item }) };
  }),

  '/item/get': route(ItemGetRequest, (core, req) => {
    const item = core.itemByAccessToken(req.access_token);
    const updated = item.products.includes('transactions') ? `${isoFromDay(core.today())}T06:00:00Z` : null;
    return {
      item: itemObject(core, item),
      status: {
        transactions: { last_successful_update: updated, last_failed_update: null },
        last_webhook: null,
      },
    };
  }),

  '/item/remove': route(ItemRemoveRequest, (core, req) => {
    const item = core.itemByAccessToken(req.access_token);
    core.removeItem(item.item_id);
    return {};
  }),

  '/accounts/get': route(AccountsGetRequest, (core, req) => {
    const item = core.itemByAccessToken(req.access_token);
    assertHealthy(item);
    const accounts = itemAccountsAt(accountsSpecOf(item), core.dataSpec(item), core.today());
    const wanted = req.options?.account_ids;
    if (wanted?.some((id) => !accounts.some((a) => a.account_id === id)))
      throw new PlaidApiError('INVALID_ACCOUNT_ID');
    return {
      accounts: wanted ? accounts.filter((a) => wanted.includes(a.account_id)) : accounts,
      item: itemObject(core, item),
    };
  }),

  // A harmless authenticated call: Coffer checks a user's keys with it before saving them.
  '/institutions/get': route(InstitutionsGetRequest, (_core, req) => {
    const wanted = req.options?.products ?? [];
    const matching = req.country_codes.includes('US')
      ? INSTITUTIONS.filter((i) => wanted.every((p) => (i.products as readonly string[]).includes(p)))
      : [];
    const metadata = req.options?.include_optional_metadata === true;
    return {
      institutions: matching
        .slice(req.offset, req.offset + req.count)
        .map((institution) => institutionObject(institution, metadata, null)),
      total: matching.length,
    };
  }),

  '/institutions/get_by_id': route(InstitutionsGetByIdRequest, (core, req) => {
    const institution = findInstitution(req.institution_id);
    if (!institution || !req.country_codes.includes('US')) throw new PlaidApiError('INVALID_INSTITUTION');
    const status = req.options?.include_status ? institutionStatusOf(core, institution.institution_id) : null;
    return {
      institution: institutionObject(institution, req.options?.include_optional_metadata === true, status),
    };
  }),

  ...controlRoutes({ itemObject, assertHealthy }),
  ...productRoutes({ route, itemObject, assertHealthy }),
};
