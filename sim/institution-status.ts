/**
 * Institution status (`/institutions/get_by_id` with `options.include_status`): HEALTHY unless a
 * test says otherwise through `POST /__sim/institutions/<institution_id>/status`. What was set is
 * kept in memory per simulator, like the other admin settings (faults, /__sim/config), not in the
 * state file.
 */
import { z } from 'zod';
import { isoFromDay } from './dates';
import type { SimulatorCore } from './core';
import { PlaidApiError } from './errors';
import { findInstitution } from './institutions';

/** The ProductStatus fields of Plaid's InstitutionStatus. */
export const STATUS_PRODUCTS = [
  'item_logins',
  'transactions_updates',
  'auth',
  'identity',
  'investments_updates',
  'liabilities_updates',
  'liabilities',
  'investments',
] as const;
export type StatusProduct = (typeof STATUS_PRODUCTS)[number];

const LEVELS = ['HEALTHY', 'DEGRADED', 'DOWN'] as const;
export type StatusLevel = (typeof LEVELS)[number];

/** Only the *_updates statuses describe background refreshes, so only they carry refresh_interval. */
const REFRESHED: ReadonlySet<StatusProduct> = new Set([
  'transactions_updates',
  'investments_updates',
  'liabilities_updates',
]);

/** Success rates in line with Plaid's meaning of each level (most / some / almost no requests succeed). */
const BREAKDOWNS: Record<
  StatusLevel,
  { success: number; error_plaid: number; error_institution: number; refresh_interval: string }
> = {
  HEALTHY: { success: 0.99, error_plaid: 0.004, error_institution: 0.006, refresh_interval: 'NORMAL' },
  DEGRADED: { success: 0.62, error_plaid: 0.03, error_institution: 0.35, refresh_interval: 'DELAYED' },
  DOWN: { success: 0.04, error_plaid: 0.02, error_institution: 0.94, refresh_interval: 'STOPPED' },
};

/** Healthy since long before any test started, so a set status is always the newest change. */
const BASELINE_AGE_DAYS = 30;

interface SetStatus {
  status: StatusLevel;
  since: string;
}

type Overrides = Map<string, Map<StatusProduct, SetStatus>>;
const overrides = new WeakMap<SimulatorCore, Overrides>();

function overridesOf(core: SimulatorCore): Overrides {
  let o = overrides.get(core);
  if (!o) {
    o = new Map();
    overrides.set(core, o);
  }
  return o;
}

const credentials = { client_id: z.string().optional(), secret: z.string().optional() };
const Level = z.enum(LEVELS);
const StatusChangeRequest = z.strictObject({
  ...credentials,
  item_logins: Level.optional(),
  transactions_updates: Level.optional(),
  auth: Level.optional(),
  identity: Level.optional(),
  investments_updates: Level.optional(),
  liabilities_updates: Level.optional(),
  liabilities: Level.optional(),
  investments: Level.optional(),
});
type StatusChange = Partial<Record<StatusProduct, StatusLevel>>;

/**
 * Unlike Plaid's endpoints (UNKNOWN_FIELDS for an unknown key), a product name here is a value
 * the caller chose, so a wrong one is INVALID_FIELD, naming what is accepted.
 */
function parseStatusChange(body: unknown): StatusChange {
  const result = StatusChangeRequest.safeParse(body);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys')
        return `unknown product ${issue.keys.join(', ')}: expected one of ${STATUS_PRODUCTS.join(', ')}`;
      const path = issue.path.map(String).join('.');
      if ((STATUS_PRODUCTS as readonly string[]).includes(path))
        return `${path}: must be one of ${LEVELS.join(', ')}`;
      return `${path || 'body'}: ${issue.message}`;
    });
    throw new PlaidApiError('INVALID_FIELD', problems.join('; '));
  }
  const change: StatusChange = {};
  for (const product of STATUS_PRODUCTS) {
    const level = result.data[product];
    if (level) change[product] = level;
  }
  if (Object.keys(change).length === 0)
    throw new PlaidApiError('INVALID_FIELD', `name at least one of ${STATUS_PRODUCTS.join(', ')}`);
  return change;
}

function requireInstitution(institutionId: string): string {
  if (!findInstitution(institutionId)) throw new PlaidApiError('INVALID_INSTITUTION');
  return institutionId;
}

/** Plaid's InstitutionStatus for the institution as the simulator's clock sees it now. */
export function institutionStatusOf(core: SimulatorCore, institutionId: string): Record<string, unknown> {
  const baseline = `${isoFromDay(core.today() - BASELINE_AGE_DAYS)}T00:00:00Z`;
  const set = overridesOf(core).get(institutionId);
  const status: Record<string, unknown> = {};
  for (const product of STATUS_PRODUCTS) {
    const current = set?.get(product) ?? { status: 'HEALTHY', since: baseline };
    const { refresh_interval, ...rates } = BREAKDOWNS[current.status];
    status[product] = {
      status: current.status,
      last_status_change: current.since,
      breakdown: REFRESHED.has(product) ? { ...rates, refresh_interval } : rates,
    };
  }
  status.health_incidents = [];
  return status;
}

/**
 * Sets the named products' statuses. A product whose status changes gets the simulator's
 * current time as last_status_change (HEALTHY included: recovering is a change too); one set
 * to the status it already has keeps its time.
 */
export function setInstitutionStatus(
  core: SimulatorCore,
  institutionId: string,
  body: unknown,
): Record<string, unknown> {
  requireInstitution(institutionId);
  const change = parseStatusChange(body);
  const all = overridesOf(core);
  const set = all.get(institutionId) ?? new Map<StatusProduct, SetStatus>();
  const now = core.nowIso();
  for (const [product, level] of Object.entries(change) as [StatusProduct, StatusLevel][]) {
    const was = set.get(product)?.status ?? 'HEALTHY';
    if (was !== level) set.set(product, { status: level, since: now });
  }
  all.set(institutionId, set);
  return institutionStatusReply(core, institutionId);
}

/** Back to the untouched HEALTHY baseline, as if no status had ever been set. */
export function resetInstitutionStatus(core: SimulatorCore, institutionId: string): Record<string, unknown> {
  requireInstitution(institutionId);
  overridesOf(core).delete(institutionId);
  return institutionStatusReply(core, institutionId);
}

export function institutionStatusReply(core: SimulatorCore, institutionId: string): Record<string, unknown> {
  return {
    institution_id: requireInstitution(institutionId),
    status: institutionStatusOf(core, institutionId),
  };
}
