import type { AppError } from '../errors';
import { classifyError } from './errors';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicy {
  /** Retries after the first attempt; transient errors only. */
  retries: number;
  baseMs: number;
  sleep: Sleep;
  random?: () => number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 2, baseMs: 500, sleep: realSleep };

/** Full-jitter exponential backoff: attempt n waits a random time in [0, base·2ⁿ). */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  return Math.floor((policy.random ?? Math.random)() * policy.baseMs * 2 ** attempt);
}

/**
 * Runs fn, retrying transient failures (network, 5xx, rate limits) at most policy.retries times.
 * fn must already turn SDK failures into AppErrors. Never use this for non-idempotent calls
 * such as /item/public_token/exchange.
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (error: AppError, attempt: number, waitMs: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const appError = error as AppError;
      if (attempt >= policy.retries || classifyError(appError) !== 'retry-transient') throw error;
      const wait = backoffMs(attempt, policy);
      onRetry?.(appError, attempt + 1, wait);
      await policy.sleep(wait);
    }
  }
}
