/**
 * Injected faults on Plaid's endpoints, so clients prove their retry, timeout and restart logic:
 * Plaid errors (API_ERROR 500, RATE_LIMIT_EXCEEDED 429, INSTITUTION_DOWN…), added latency, hung
 * connections and TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION. Whether the n-th request to an
 * endpoint fails is a hash of (seed, endpoint, n, rule): the same seed and the same requests give
 * the same failures, whatever the timing. Admin paths and the Link stand-in are never faulted.
 */
import { z } from 'zod';
import {
  documentationUrl,
  ERROR_CATALOG,
  isPlaidErrorCode,
  type PlaidErrorBody,
  type PlaidErrorType,
} from './errors';
import { hashParts } from './prng';
import { isMidPagination } from './sync';

const common = {
  /** A Plaid path, or '*' for every one. */
  endpoint: z.string().min(1),
  /** Share of requests affected, 0–1. */
  rate: z.number().min(0).max(1),
};

export const FaultRule = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('error'),
    error_code: z.string().min(1),
    /** Defaults to the catalogue's type and status when the code is one the simulator knows. */
    error_type: z.string().min(1).optional(),
    http_status: z.number().int().min(400).max(599).optional(),
    error_message: z.string().optional(),
  }),
  z.strictObject({ ...common, kind: z.literal('hang') }),
  z.strictObject({ ...common, kind: z.literal('latency'), ms: z.number().int().min(0).max(600_000) }),
  z.strictObject({ ...common, kind: z.literal('mutation') }),
]);
export type FaultRule = z.infer<typeof FaultRule>;

export const FaultConfig = z.strictObject({
  rules: z.array(FaultRule).max(100),
  seed: z.number().int().optional(),
});
export type FaultConfig = z.infer<typeof FaultConfig>;

export type FaultKind = FaultRule['kind'];

export interface InjectedError {
  status: number;
  body: InjectedErrorBody;
}

/** Plaid's error body as a rule sets it: any error_type it names, not only the catalogue's. */
type InjectedErrorBody = Omit<PlaidErrorBody, 'request_id' | 'error_type'> & { error_type: string };

export type Fault =
  | { kind: 'error'; error: InjectedError }
  | { kind: 'hang' }
  | { kind: 'latency'; ms: number }
  | { kind: 'mutation' };

export interface FaultStats {
  requests: number;
  injected: Record<FaultKind, number>;
  by_endpoint: Record<string, Partial<Record<FaultKind, number>>>;
}

const DEFAULT_FAULT_SEED = 1;

function errorOf(rule: Extract<FaultRule, { kind: 'error' }>): InjectedError {
  const known = isPlaidErrorCode(rule.error_code) ? ERROR_CATALOG[rule.error_code] : null;
  const type = rule.error_type ?? known?.type;
  const status = rule.http_status ?? known?.status;
  if (!type || !status) {
    throw new Error(`fault rule for ${rule.error_code} needs error_type and http_status`);
  }
  return {
    status,
    body: {
      error_type: type,
      error_code: rule.error_code,
      error_code_reason: null,
      error_message: rule.error_message ?? known?.message ?? 'an injected fault',
      display_message: known?.display ?? null,
      causes: [],
      status,
      documentation_url: documentationUrl(type as PlaidErrorType, rule.error_code),
      suggested_action: null,
    },
  };
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private seed = DEFAULT_FAULT_SEED;
  private readonly counters = new Map<string, number>();
  private stats: FaultStats = FaultInjector.emptyStats();

  constructor(config?: FaultConfig) {
    if (config) this.configure(config);
  }

  private static emptyStats(): FaultStats {
    return { requests: 0, injected: { error: 0, hang: 0, latency: 0, mutation: 0 }, by_endpoint: {} };
  }

  /** Replaces the rules and starts every sequence (and the counts) afresh. */
  configure(config: FaultConfig): void {
    for (const rule of config.rules) if (rule.kind === 'error') errorOf(rule);
    this.rules = [...config.rules];
    this.seed = config.seed ?? DEFAULT_FAULT_SEED;
    this.counters.clear();
    this.stats = FaultInjector.emptyStats();
  }

  /** Removes every rule; the counts stay readable. */
  clear(): void {
    this.rules = [];
    this.counters.clear();
  }

  config(): FaultConfig {
    return { rules: [...this.rules], seed: this.seed };
  }

  statistics(): FaultStats {
    return structuredClone(this.stats);
  }

  /** The fault for this request to `path`, if any (each call is the endpoint's next request). */
  decide(path: string, body: Record<string, unknown>): Fault | null {
    if (this.rules.length === 0) return null;
    const n = this.counters.get(path) ?? 0;
    this.counters.set(path, n + 1);
    this.stats.requests++;
    for (const [index, rule] of this.rules.entries()) {
      if (rule.endpoint !== '*' && rule.endpoint !== path) continue;
      if (rule.kind === 'mutation') {
        const cursor = typeof body.cursor === 'string' ? body.cursor : undefined;
        if (path !== '/transactions/sync' || !isMidPagination(cursor)) continue;
      }
      const draw = hashParts([this.seed, path, n, index]) / 4294967296;
      if (draw >= rule.rate) continue;
      this.count(path, rule.kind);
      switch (rule.kind) {
        case 'error':
          return { kind: 'error', error: errorOf(rule) };
        case 'hang':
          return { kind: 'hang' };
        case 'latency':
          return { kind: 'latency', ms: rule.ms };
        case 'mutation':
          return { kind: 'mutation' };
      }
    }
    return null;
  }

  private count(path: string, kind: FaultKind): void {
    this.stats.injected[kind]++;
    const perPath = (this.stats.by_endpoint[path] ??= {});
    perPath[kind] = (perPath[kind] ?? 0) + 1;
  }
}
