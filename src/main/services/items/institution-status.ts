/**
 * Institution status from `/institutions/get_by_id` with `include_status`: only what matters to a
 * transactions app (logins and transaction updates), and only when it is degraded or down. Plaid
 * leaves status null in Sandbox and at low traffic: then nothing is shown.
 */
import type { Institution, ProductStatus } from 'plaid';
import type { InstitutionHealth } from '../../../shared/api';
import { toAppError } from '../errors';
import type { Logger } from '../log/logger';
import type { PlaidGateway } from '../plaid/client';

type Level = 'healthy' | 'degraded' | 'down';

function levelOf(status: ProductStatus | null | undefined): Level {
  if (!status) return 'healthy';
  const interval = status.breakdown?.refresh_interval;
  if (status.status === 'DOWN' || interval === 'STOPPED') return 'down';
  if (status.status === 'DEGRADED' || interval === 'DELAYED') return 'degraded';
  return 'healthy';
}

export function institutionHealth(
  institution: Pick<Institution, 'name' | 'status'>,
): InstitutionHealth | null {
  const status = institution.status;
  if (!status) return null;
  const logins = levelOf(status.item_logins);
  const updates = levelOf(status.transactions_updates);
  const problems: string[] = [];
  if (logins === 'down') problems.push('logins are failing');
  if (logins === 'degraded') problems.push('some logins are failing');
  if (updates === 'down') problems.push('transaction updates have stopped');
  if (updates === 'degraded') problems.push('transaction updates are delayed');
  const incident = status.health_incidents?.find((i) => !i.end_date)?.title;
  if (problems.length === 0 && !incident) return null;
  const state = logins === 'down' || updates === 'down' ? 'down' : 'degraded';
  const what = problems.length ? problems.join(' and ') : 'it reports a problem';
  return {
    state,
    message: `${institution.name} is having problems: ${what}.${incident ? ` ${incident}` : ''}`,
  };
}

export const INSTITUTION_STATUS_TTL_MS = 15 * 60 * 1000;

/** Statuses per institution, asked at most once per TTL (the endpoint is rate limited), kept in memory. */
export class InstitutionStatusCache {
  private readonly entries = new Map<string, { health: InstitutionHealth | null; at: number }>();

  constructor(
    private readonly plaid: PlaidGateway,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly ttlMs = INSTITUTION_STATUS_TTL_MS,
  ) {}

  get(institutionId: string | null): InstitutionHealth | null {
    return institutionId ? (this.entries.get(institutionId)?.health ?? null) : null;
  }

  /** Refreshes when stale (or forced); a failure keeps what was known and is only logged. Returns whether it changed. */
  async refresh(institutionId: string | null, force = false): Promise<boolean> {
    if (!institutionId) return false;
    const known = this.entries.get(institutionId);
    if (known && !force && this.now() - known.at < this.ttlMs) return false;
    try {
      const health = institutionHealth(await this.plaid.institution(institutionId, true));
      this.entries.set(institutionId, { health, at: this.now() });
      if (health)
        this.log.info('institution degraded', { institution_id: institutionId, state: health.state });
      return JSON.stringify(health) !== JSON.stringify(known?.health ?? null);
    } catch (error) {
      this.log.warn('institution status unavailable', {
        institution_id: institutionId,
        code: toAppError(error).code,
      });
      return false;
    }
  }
}
