/**
 * How the error policy (errors.ts decides what a failure is) is carried out: exponential backoff
 * with full jitter, Retry-After honoured, a bounded number of attempts, slow bounded polling for
 * not-ready answers, and a circuit breaker per institution. Every wait comes from an injectable
 * clock, so tests run the whole policy in milliseconds.
 */
import { AppError } from '../errors';
import { CIRCUIT_OPEN, decideError, PlaidApiError, type ErrorDecision } from './errors';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicy {
  /** Retries after the first attempt, for transient errors. The bound tests hold the app to. */
  retries: number;
  /** Backoff ceiling of retry n (from 0) is min(maxDelayMs, baseMs·2ⁿ); the wait is uniform below it. */
  baseMs: number;
  sleep: Sleep;
  now?: () => number;
  random?: () => number;
  /** A Retry-After (or backoff) longer than this ends the call instead: the caller tries later. */
  maxDelayMs?: number;
  /** Polls of a not-ready answer (PRODUCT_NOT_READY) before giving up, pollMs apart. */
  polls?: number;
  pollMs?: number;
  /**
   * No new attempt starts this long after the first one began: with a 30 s request timeout, a
   * Plaid that does not answer ends the call within about this plus one timeout, not minutes later.
   */
  maxTotalMs?: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  retries: 4,
  baseMs: 500,
  sleep: realSleep,
  maxDelayMs: 60_000,
  polls: 5,
  pollMs: 5_000,
  maxTotalMs: 45_000,
};

/** Full-jitter exponential backoff: retry n (from 0) waits a random time in [0, min(cap, base·2ⁿ)). */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs ?? Infinity, policy.baseMs * 2 ** attempt);
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

export type WaitReason = 'backoff' | 'retry-after' | 'poll';

export interface RetryEvent {
  error: AppError;
  decision: ErrorDecision;
  /** The retry about to be made: 1 for the first retry. */
  attempt: number;
  waitMs: number;
  reason: WaitReason;
}

export interface GiveUpEvent {
  error: AppError;
  decision: ErrorDecision;
  /** Attempts made, including the first. */
  attempts: number;
  why: 'not-retryable' | 'attempts-exhausted' | 'wait-too-long' | 'circuit-open' | 'out-of-time';
}

export interface RetryHooks {
  onRetry?(event: RetryEvent): void;
  onGiveUp?(event: GiveUpEvent): void;
  /** The institution's breaker, when the call concerns one. */
  breaker?: { breakers: CircuitBreakers; key: string };
}

/** What to wait before the next attempt, or null when this failure ends the call. */
function nextWait(
  error: AppError,
  decision: ErrorDecision,
  retriesSoFar: number,
  pollsSoFar: number,
  policy: RetryPolicy,
): { waitMs: number; reason: WaitReason } | GiveUpEvent['why'] {
  if (decision.action === 'poll') {
    if (pollsSoFar >= (policy.polls ?? 0)) return 'attempts-exhausted';
    return { waitMs: policy.pollMs ?? policy.baseMs, reason: 'poll' };
  }
  if (decision.action !== 'retry-transient') return 'not-retryable';
  if (error.code === CIRCUIT_OPEN) return 'circuit-open';
  if (retriesSoFar >= policy.retries) return 'attempts-exhausted';
  const jitter = backoffMs(retriesSoFar, policy);
  const retryAfter = error instanceof PlaidApiError ? error.retryAfterMs : null;
  if (retryAfter !== null && retryAfter > (policy.maxDelayMs ?? Infinity)) return 'wait-too-long';
  if (retryAfter !== null && retryAfter >= jitter) return { waitMs: retryAfter, reason: 'retry-after' };
  return { waitMs: jitter, reason: 'backoff' };
}

/**
 * Runs fn under the policy. fn must already turn SDK failures into AppErrors. Never use this for
 * calls that are not idempotent, such as /item/public_token/exchange.
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  let retries = 0;
  let polls = 0;
  const now = policy.now ?? Date.now;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    const breaker = hooks.breaker;
    try {
      breaker?.breakers.admit(breaker.key);
      const result = await fn();
      breaker?.breakers.success(breaker.key);
      return result;
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('INTERNAL', String(error));
      const decision = decideError(appError);
      if (breaker && decision.institutionFault) breaker.breakers.failure(breaker.key);
      let next = nextWait(appError, decision, retries, polls, policy);
      if (typeof next !== 'string' && now() + next.waitMs - started > (policy.maxTotalMs ?? Infinity)) {
        next = 'out-of-time';
      }
      if (typeof next === 'string') {
        hooks.onGiveUp?.({ error: appError, decision, attempts: attempt, why: next });
        throw appError;
      }
      if (next.reason === 'poll') polls++;
      else retries++;
      hooks.onRetry?.({
        error: appError,
        decision,
        attempt: next.reason === 'poll' ? polls : retries,
        waitMs: next.waitMs,
        reason: next.reason,
      });
      await policy.sleep(next.waitMs);
    }
  }
}

export interface BreakerOptions {
  /** Consecutive institution faults that open the breaker. */
  threshold: number;
  /** How long an open breaker refuses calls before letting one through to probe. */
  cooldownMs: number;
  now: () => number;
  onOpen?(key: string, failures: number): void;
}

export const defaultBreakerOptions = { threshold: 5, cooldownMs: 60_000 };

/**
 * One breaker per institution: after `threshold` consecutive institution faults, calls for that
 * institution fail at once (no request) for `cooldownMs`; then one call probes, and its outcome
 * closes the breaker or opens it again. A struggling bank is not hammered by every Item at it.
 */
export class CircuitBreakers {
  private readonly state = new Map<string, { failures: number; openedAt: number | null }>();

  constructor(private readonly options: BreakerOptions) {}

  isOpen(key: string): boolean {
    const s = this.state.get(key);
    return !!s && s.openedAt !== null && this.options.now() - s.openedAt < this.options.cooldownMs;
  }

  /** Throws the circuit-open error when the institution's breaker is open. */
  admit(key: string): void {
    if (!this.isOpen(key)) return;
    throw new AppError(CIRCUIT_OPEN, 'The bank is not responding; Coffer will try again in a few minutes.', {
      error_type: 'COFFER_ERROR',
      error_code: CIRCUIT_OPEN,
      error_message: `Calls for ${key} are paused after repeated failures.`,
      display_message: "This bank isn't responding right now. Coffer will try again in a few minutes.",
      request_id: null,
    });
  }

  success(key: string): void {
    this.state.delete(key);
  }

  failure(key: string): void {
    const s = this.state.get(key) ?? { failures: 0, openedAt: null };
    s.failures++;
    if (s.failures >= this.options.threshold) {
      // A failed probe re-opens at once; a first opening is announced.
      if (s.openedAt === null) this.options.onOpen?.(key, s.failures);
      s.openedAt = this.options.now();
    }
    this.state.set(key, s);
  }
}
