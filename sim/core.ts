/**
 * The simulator's model: Items (persisted), and the short-lived link and public tokens (memory
 * only, as their lifetimes are minutes to hours). Both the Plaid routes and the Link stand-in
 * work through this class.
 */
import { dayFromIso, isoDateTime, msIntoUtcDay, type Day } from './dates';
import { PlaidApiError } from './errors';
import { ACCOUNT_TEMPLATE_KEYS } from './generator';
import { newItemId, newToken, tokenDigest } from './ids';
import { findInstitution, type InstitutionProfile } from './institutions';
import { SimClock } from './clock';
import type { AccountKey } from './products/account-keys';
import type { LinkProducts } from './products/link-products';
import { ProductStore } from './products/store';
import { customHouseholdFor, type CustomAccountRecord } from './custom-household';
import { StateStore, type ItemRecord, type SimState } from './state';
import type { ItemDataSpec } from './view';
import { liabilityScenarioOf } from './products/liabilities';

export const PUBLIC_TOKEN_LIFETIME_MS = 30 * 60 * 1000;
export const LINK_TOKEN_LIFETIME_MS = 4 * 60 * 60 * 1000;
export const UPDATE_LINK_TOKEN_LIFETIME_MS = 30 * 60 * 1000;
export const DEFAULT_DAYS_REQUESTED = 90;

/** An Item as it will be created when its public token is exchanged. */
export type PendingItem = Omit<ItemRecord, 'access_token_sha256' | 'error_code'>;
/** An Item once its user logged in, before Link knows which accounts (hence which products) it gets. */
export type PreparedItem = Omit<PendingItem, 'products' | 'consented_products'>;

type PublicTokenGrant =
  | { kind: 'new'; expiresAt: number; used: boolean; item: PendingItem }
  | { kind: 'update'; expiresAt: number; used: boolean; itemId: string };

export interface LinkTokenConfig {
  products: LinkProducts;
  webhook: string | null;
  countryCodes: string[];
  language: string;
  clientName: string;
  redirectUri: string | null;
  daysRequested: number;
  /** Update mode: the Item being repaired. */
  updateItemId: string | null;
  /** Bank income: the Plaid user the linked Item joins (never stored as the token itself elsewhere). */
  userToken?: string | null;
}

export interface LinkSessionRecord {
  link_session_id: string;
  started_at: string;
  finished_at: string | null;
  result: {
    public_token: string;
    accounts: LinkAccountMetadata[];
    institution: { name: string; institution_id: string };
  } | null;
  exit: { status: string | null; institution: { name: string; institution_id: string } | null } | null;
}

export interface LinkAccountMetadata {
  id: string;
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
  verification_status: null;
  class_type: null;
}

export interface LinkTokenRecord {
  token: string;
  createdAt: number;
  expiresAt: number;
  config: LinkTokenConfig;
  sessions: LinkSessionRecord[];
}

export const DEFAULT_SEED = 20200914;

export interface CoreOptions {
  /** Seed for Items created from now on; undefined keeps the stored one (or the default). */
  seed: number | undefined;
  statePath: string | null;
  clock: string | null;
}

export class SimulatorCore {
  readonly store: StateStore;
  readonly clock: SimClock;
  private readonly publicTokens = new Map<string, PublicTokenGrant>();
  private readonly linkTokens = new Map<string, LinkTokenRecord>();
  /** Asset Reports and bank-income users (in the state file). */
  readonly products: ProductStore;

  constructor(options: CoreOptions) {
    const initial: SimState = {
      version: 1,
      seed: options.seed ?? DEFAULT_SEED,
      clock: { base: options.clock ?? 'real', offset_days: 0 },
      items: [],
    };
    this.store = new StateStore(options.statePath, initial);
    // Existing Items keep the seed they were created with; a new seed applies to new Items.
    const seed = options.seed;
    if (seed !== undefined && this.store.get().seed !== seed) {
      this.store.update((s) => {
        s.seed = seed;
      });
    }
    this.clock = SimClock.adopt(this.store, options.clock);
    this.products = new ProductStore(this.store, () => this.today());
  }

  today(): Day {
    return this.clock.today();
  }

  /** A timestamp on the simulated day (at the real time of day). */
  nowIso(): string {
    return isoDateTime(this.today(), msIntoUtcDay());
  }

  // --- Items -------------------------------------------------------------------------------

  itemByAccessToken(accessToken: string): ItemRecord {
    if (!/^access-(sandbox|development|production)-[0-9a-f-]{36}$/.test(accessToken)) {
      throw new PlaidApiError(
        'INVALID_ACCESS_TOKEN',
        'provided access token is in an invalid format. expected format: access-<environment>-<identifier>',
      );
    }
    const digest = tokenDigest(accessToken);
    const item = this.store.get().items.find((i) => i.access_token_sha256.includes(digest));
    if (!item) throw new PlaidApiError('INVALID_ACCESS_TOKEN');
    return item;
  }

  itemById(itemId: string): ItemRecord | undefined {
    return this.store.get().items.find((i) => i.item_id === itemId);
  }

  institutionOf(item: ItemRecord): InstitutionProfile {
    const institution = findInstitution(item.institution_id);
    if (!institution)
      throw new PlaidApiError('INTERNAL_SERVER_ERROR', `unknown institution ${item.institution_id}`);
    return institution;
  }

  dataSpec(item: ItemRecord): ItemDataSpec {
    return {
      itemId: item.item_id,
      seed: item.seed,
      institutionId: item.institution_id,
      firstDay: dayFromIso(item.created_day) - item.days_requested,
      templates: ACCOUNT_TEMPLATE_KEYS.filter((k) => item.account_templates.includes(k)),
      volume: item.volume ?? 1,
      mutations: item.mutations ?? [],
      custom: item.custom_accounts ? customHouseholdFor(item.item_id, item.custom_accounts) : undefined,
      liabilities: liabilityScenarioOf(item),
    };
  }

  updateItem(itemId: string, change: (item: ItemRecord) => void): ItemRecord {
    return this.store.update((s) => {
      const item = s.items.find((i) => i.item_id === itemId);
      if (!item) throw new PlaidApiError('ITEM_NOT_FOUND');
      change(item);
      return structuredClone(item);
    });
  }

  removeItem(itemId: string): void {
    this.store.update((s) => {
      s.items = s.items.filter((i) => i.item_id !== itemId);
    });
  }

  /** Allocates the Item's id now, so Link can show account ids that the exchange will honour. */
  prepareItem(args: {
    institution: InstitutionProfile;
    webhook: string | null;
    daysRequested: number;
    templates: readonly AccountKey[];
    /** user_custom's accounts replace the institution's. */
    custom?: CustomAccountRecord[] | null;
  }): PreparedItem {
    const custom = args.custom?.length ? args.custom : null;
    return {
      item_id: newItemId(),
      seed: this.store.get().seed,
      institution_id: args.institution.institution_id,
      webhook: args.webhook,
      created_day: this.clock.todayIso(),
      created_at: this.nowIso(),
      days_requested: args.daysRequested,
      account_templates: custom ? custom.map((a) => a.template) : [...args.templates],
      ...(custom ? { custom_accounts: custom } : {}),
    };
  }

  // --- Public tokens -------------------------------------------------------------------------

  issuePublicToken(grant: { kind: 'new'; item: PendingItem } | { kind: 'update'; itemId: string }): string {
    this.forgetExpired();
    const token = newToken('public');
    const expiresAt = Date.now() + PUBLIC_TOKEN_LIFETIME_MS;
    this.publicTokens.set(
      token,
      grant.kind === 'new' ? { ...grant, expiresAt, used: false } : { ...grant, expiresAt, used: false },
    );
    return token;
  }

  /** Single use: a second exchange of the same token fails, as at Plaid. */
  exchangePublicToken(publicToken: string): { accessToken: string; itemId: string } {
    const grant = this.publicTokens.get(publicToken);
    if (!grant || grant.used || grant.expiresAt <= Date.now()) {
      throw new PlaidApiError(
        'INVALID_PUBLIC_TOKEN',
        grant && !grant.used
          ? 'provided public token is expired. Public tokens expire 30 minutes after creation at which point they can no longer be exchanged'
          : undefined,
      );
    }
    grant.used = true;
    const accessToken = newToken('access');
    const digest = tokenDigest(accessToken);
    if (grant.kind === 'new') {
      const item: ItemRecord = { ...grant.item, access_token_sha256: [digest], error_code: null };
      this.store.update((s) => {
        s.items.push(item);
      });
      return { accessToken, itemId: item.item_id };
    }
    this.updateItem(grant.itemId, (item) => {
      item.access_token_sha256.push(digest);
      item.error_code = null;
    });
    return { accessToken, itemId: grant.itemId };
  }

  // --- Link tokens ---------------------------------------------------------------------------

  createLinkToken(config: LinkTokenConfig): LinkTokenRecord {
    this.forgetExpired();
    const createdAt = Date.now();
    const lifetime = config.updateItemId ? UPDATE_LINK_TOKEN_LIFETIME_MS : LINK_TOKEN_LIFETIME_MS;
    const record: LinkTokenRecord = {
      token: newToken('link'),
      createdAt,
      expiresAt: createdAt + lifetime,
      config,
      sessions: [],
    };
    this.linkTokens.set(record.token, record);
    return record;
  }

  /** Link tokens are reusable in Sandbox until they expire. */
  linkToken(token: string): LinkTokenRecord {
    const record = this.linkTokens.get(token);
    if (!record || record.expiresAt <= Date.now()) throw new PlaidApiError('INVALID_LINK_TOKEN');
    return record;
  }

  private forgetExpired(): void {
    const now = Date.now();
    // Used and expired public tokens stay a while so a replay is still recognised as such.
    for (const [token, grant] of this.publicTokens)
      if (grant.expiresAt + PUBLIC_TOKEN_LIFETIME_MS < now) this.publicTokens.delete(token);
    for (const [token, record] of this.linkTokens)
      if (record.expiresAt + LINK_TOKEN_LIFETIME_MS < now) this.linkTokens.delete(token);
  }
}
