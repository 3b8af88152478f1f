/**
 * Issue 19: a Plaid call that does not answer says so ("Plaid did not answer within N s", never
 * "check your internet"), and gives up within a bounded total instead of minutes of retries.
 */
import { describe, expect, it } from 'vitest';
import { PlaidUnreachableError } from '../../src/main/services/plaid/errors';
import { defaultRetryPolicy, withRetry, type GiveUpEvent } from '../../src/main/services/plaid/retry';
import { describeFailure } from '../../src/cli/core-session';

const TIMEOUT_MS = 30_000;

describe('a Plaid call that hangs', () => {
  it('gives up within maxTotalMs plus one request timeout, saying why', async () => {
    let clock = 0;
    let attempts = 0;
    let gaveUp: GiveUpEvent | null = null;
    const hung = async () => {
      attempts++;
      clock += TIMEOUT_MS;
      throw new PlaidUnreachableError(`Plaid did not answer within ${TIMEOUT_MS / 1000} s`, 'timeout');
    };
    const policy = {
      ...defaultRetryPolicy,
      now: () => clock,
      sleep: async (ms: number) => void (clock += ms),
    };
    await expect(withRetry(hung, policy, { onGiveUp: (e) => (gaveUp = e) })).rejects.toBeInstanceOf(
      PlaidUnreachableError,
    );
    expect(clock).toBeLessThanOrEqual((defaultRetryPolicy.maxTotalMs ?? 0) + TIMEOUT_MS);
    expect(attempts).toBeLessThan(defaultRetryPolicy.retries + 1);
    expect(gaveUp).toMatchObject({ why: 'out-of-time', attempts });
  });

  it('is told as a timeout in one line, not as a network failure', () => {
    const error = new PlaidUnreachableError('Plaid did not answer within 30 s', 'timeout');
    const line = describeFailure(error);
    expect(line).toBe(
      'Plaid did not answer within 30 s. Coffer will try again at the next sync. (PLAID_UNREACHABLE)',
    );
    expect(line).not.toMatch(/internet|network/i);
    expect(line.split('\n')).toHaveLength(1);
  });
});
