/**
 * The error policy, class by class: the decision for every error type/code the app meets, and
 * how retry.ts carries it out (bounded backoff with full jitter, Retry-After, polling, the
 * per-institution circuit breaker), all on a fake clock.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import { createPlaidApi, PlaidGateway } from './client';
import {
  CIRCUIT_OPEN,
  decideError,
  decideShape,
  parseRetryAfter,
  PlaidApiError,
  PlaidUnreachableError,
} from './errors';
import { backoffMs, CircuitBreakers, withRetry, type RetryEvent, type RetryPolicy } from './retry';
import { fakeAccessToken } from '../../../../tests/support/fake-token';

const plaid = (error_type: string, error_code: string, retryAfterMs: number | null = null) =>
  new PlaidApiError(
    { error_type, error_code, error_message: 'm', display_message: null, request_id: 'req-1' },
    400,
    retryAfterMs,
  );

describe('the decision for each class of error', () => {
  it.each([
    // retry: Plaid's own failures, rate limits, transient institution trouble, timeouts
    ['API_ERROR', 'INTERNAL_SERVER_ERROR', 'retry-transient', 'error', 'retry', true],
    ['API_ERROR', 'PLANNED_MAINTENANCE', 'retry-transient', 'error', 'retry', false],
    ['RATE_LIMIT_EXCEEDED', 'TRANSACTIONS_SYNC_LIMIT', 'retry-transient', 'error', 'retry', false],
    ['RATE_LIMIT_EXCEEDED', 'RATE_LIMIT', 'retry-transient', 'error', 'retry', false],
    ['RATE_LIMIT_EXCEEDED', 'INSTITUTION_RATE_LIMIT', 'retry-transient', 'error', 'retry', true],
    ['INSTITUTION_ERROR', 'INSTITUTION_DOWN', 'retry-transient', 'institution_down', 'retry', true],
    ['INSTITUTION_ERROR', 'INSTITUTION_NOT_RESPONDING', 'retry-transient', 'institution_down', 'retry', true],
    ['INSTITUTION_ERROR', 'INSTITUTION_NOT_AVAILABLE', 'retry-transient', 'institution_down', 'retry', true],
    // restart the sync loop
    ['TRANSACTIONS_ERROR', 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION', 'restart-loop', 'ok', null, false],
    // poll
    ['ITEM_ERROR', 'PRODUCT_NOT_READY', 'poll', 'ok', null, false],
    ['ASSET_REPORT_ERROR', 'PRODUCT_NOT_READY', 'poll', 'ok', null, false],
    // the user must act
    ['ITEM_ERROR', 'ITEM_LOGIN_REQUIRED', 'user-action', 'login_required', 'reconnect', false],
    ['ITEM_ERROR', 'ITEM_LOCKED', 'user-action', 'login_required', 'reconnect', false],
    ['ITEM_ERROR', 'PASSWORD_RESET_REQUIRED', 'user-action', 'login_required', 'reconnect', false],
    ['ITEM_ERROR', 'ACCESS_NOT_GRANTED', 'user-action', 'login_required', 'reconnect', false],
    ['ITEM_ERROR', 'NO_ACCOUNTS', 'user-action', 'error', 'reconnect', false],
    ['ITEM_ERROR', 'ITEM_NOT_FOUND', 'user-action', 'error', 'remove', false],
    // one product, not the connection: the Item stays healthy
    ['ITEM_ERROR', 'PRODUCTS_NOT_SUPPORTED', 'user-action', 'ok', null, false],
    ['ITEM_ERROR', 'NO_INVESTMENT_ACCOUNTS', 'user-action', 'ok', null, false],
    ['ITEM_ERROR', 'NO_LIABILITY_ACCOUNTS', 'user-action', 'ok', null, false],
    ['ITEM_ERROR', 'USER_PERMISSION_REVOKED', 'user-action', 'permission_revoked', 'remove', false],
    ['INVALID_INPUT', 'USER_PERMISSION_REVOKED', 'user-action', 'permission_revoked', 'remove', false],
    ['INVALID_INPUT', 'ADDITIONAL_CONSENT_REQUIRED', 'user-action', 'ok', null, false],
    ['INVALID_INPUT', 'INVALID_API_KEYS', 'user-action', 'error', null, false],
    ['INSTITUTION_ERROR', 'INSTITUTION_NO_LONGER_SUPPORTED', 'user-action', 'error', 'remove', false],
    ['INSTITUTION_ERROR', 'INSTITUTION_REGISTRATION_REQUIRED', 'user-action', 'error', null, false],
    ['RATE_LIMIT_EXCEEDED', 'CREDITS_EXHAUSTED', 'user-action', 'error', null, false],
    ['OAUTH_ERROR', 'INCORRECT_OAUTH_NONCE', 'user-action', 'login_required', 'reconnect', false],
    // bugs: never retried
    ['INVALID_REQUEST', 'MISSING_FIELDS', 'bug', 'error', null, false],
    ['INVALID_REQUEST', 'UNKNOWN_FIELDS', 'bug', 'error', null, false],
    ['INVALID_INPUT', 'INVALID_PUBLIC_TOKEN', 'bug', 'error', null, false],
    ['INVALID_INPUT', 'INVALID_ACCESS_TOKEN', 'bug', 'error', 'remove', false],
    ['INVALID_RESULT', 'LAST_UPDATED_DATETIME_OUT_OF_RANGE', 'bug', 'error', null, false],
    ['SANDBOX_ERROR', 'SANDBOX_PRODUCT_NOT_ENABLED', 'bug', 'error', null, false],
    ['SOMETHING_NEW', 'ANYTHING', 'bug', 'error', null, false],
  ])('%s / %s → %s (health %s, remedy %s)', (type, code, action, health, remedy, institutionFault) => {
    const decided = decideError(plaid(type, code));
    expect(decided).toEqual({ action, health, remedy, institutionFault });
    // The stored shape of the same error gets the same decision.
    expect(
      decideShape({ error_type: type, error_code: code, error_message: '', display_message: null }),
    ).toEqual(decided);
  });

  it('retries a timeout as an institution fault, and a refused connection as ours', () => {
    expect(decideError(new PlaidUnreachableError('the request timed out', 'timeout'))).toMatchObject({
      action: 'retry-transient',
      institutionFault: true,
    });
    expect(decideError(new PlaidUnreachableError('connection refused', 'network'))).toMatchObject({
      action: 'retry-transient',
      institutionFault: false,
    });
  });

  it("treats Coffer's own failures by code", () => {
    expect(decideError(new AppError('INTERNAL', 'boom'))).toMatchObject({ action: 'bug' });
    expect(decideError(new AppError('ACCESS_TOKEN_MISSING', 'gone'))).toMatchObject({
      action: 'user-action',
      remedy: 'remove',
    });
    expect(
      decideShape({
        error_type: 'COFFER_ERROR',
        error_code: CIRCUIT_OPEN,
        error_message: '',
        display_message: null,
      }),
    ).toMatchObject({ action: 'retry-transient', health: 'institution_down' });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});

/** A clock that only moves when the policy sleeps. */
function fakeClock() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

function policy(clock: ReturnType<typeof fakeClock>, extra: Partial<RetryPolicy> = {}): RetryPolicy {
  return { retries: 4, baseMs: 100, maxDelayMs: 10_000, polls: 3, pollMs: 2_000, ...clock, ...extra };
}

/** fn failing with the given errors in turn, then succeeding. */
function failing(errors: AppError[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    fn: async () => {
      calls++;
      const e = errors.shift();
      if (e) throw e;
      return 'ok';
    },
  };
}

describe('carrying out the policy', () => {
  it('backs off with full jitter under an exponential ceiling', () => {
    const p = { retries: 9, baseMs: 100, maxDelayMs: 1_000, sleep: async () => {} };
    expect(backoffMs(0, { ...p, random: () => 0.999 })).toBe(99);
    expect(backoffMs(3, { ...p, random: () => 0.5 })).toBe(400);
    expect(backoffMs(8, { ...p, random: () => 0.999 })).toBe(999);
    expect(backoffMs(2, { ...p, random: () => 0 })).toBe(0);
  });

  it('retries transient errors until one attempt works, and reports each retry', async () => {
    const clock = fakeClock();
    const events: RetryEvent[] = [];
    const f = failing([
      plaid('API_ERROR', 'INTERNAL_SERVER_ERROR'),
      plaid('INSTITUTION_ERROR', 'INSTITUTION_DOWN'),
    ]);
    await expect(withRetry(f.fn, policy(clock), { onRetry: (e) => events.push(e) })).resolves.toBe('ok');
    expect(f.calls).toBe(3);
    expect(events.map((e) => [e.attempt, e.reason])).toEqual([
      [1, 'backoff'],
      [2, 'backoff'],
    ]);
    expect(clock.sleeps[0]).toBeLessThan(100);
    expect(clock.sleeps[1]).toBeLessThan(200);
  });

  it('stops after the bounded number of retries', async () => {
    const clock = fakeClock();
    const f = failing(Array.from({ length: 10 }, () => plaid('API_ERROR', 'INTERNAL_SERVER_ERROR')));
    let gaveUp = '';
    await expect(withRetry(f.fn, policy(clock), { onGiveUp: (e) => (gaveUp = e.why) })).rejects.toMatchObject(
      {
        code: 'PLAID_INTERNAL_SERVER_ERROR',
      },
    );
    expect(f.calls).toBe(5);
    expect(clock.sleeps).toHaveLength(4);
    expect(gaveUp).toBe('attempts-exhausted');
  });

  it('never retries a user-action error or a bug, and logs the bug as such', async () => {
    for (const error of [
      plaid('ITEM_ERROR', 'ITEM_LOGIN_REQUIRED'),
      plaid('INVALID_REQUEST', 'INVALID_FIELD'),
    ]) {
      const clock = fakeClock();
      const f = failing([error]);
      let why = '';
      await expect(withRetry(f.fn, policy(clock), { onGiveUp: (e) => (why = e.why) })).rejects.toBe(error);
      expect(f.calls).toBe(1);
      expect(clock.sleeps).toEqual([]);
      expect(why).toBe('not-retryable');
    }
  });

  it('honours Retry-After when it asks for longer than the backoff', async () => {
    const clock = fakeClock();
    const events: RetryEvent[] = [];
    const f = failing([plaid('RATE_LIMIT_EXCEEDED', 'TRANSACTIONS_SYNC_LIMIT', 3_000)]);
    await withRetry(f.fn, policy(clock), { onRetry: (e) => events.push(e) });
    expect(clock.sleeps).toEqual([3_000]);
    expect(events[0].reason).toBe('retry-after');
  });

  it('gives up at once when Retry-After asks for longer than the policy waits', async () => {
    const clock = fakeClock();
    const f = failing([plaid('RATE_LIMIT_EXCEEDED', 'RATE_LIMIT', 3_600_000)]);
    let why = '';
    await expect(withRetry(f.fn, policy(clock), { onGiveUp: (e) => (why = e.why) })).rejects.toBeInstanceOf(
      PlaidApiError,
    );
    expect(why).toBe('wait-too-long');
    expect(clock.sleeps).toEqual([]);
  });

  it('polls a not-ready product at its own slow pace, a bounded number of times', async () => {
    const clock = fakeClock();
    const f = failing(Array.from({ length: 10 }, () => plaid('ITEM_ERROR', 'PRODUCT_NOT_READY')));
    await expect(withRetry(f.fn, policy(clock))).rejects.toMatchObject({ code: 'PLAID_PRODUCT_NOT_READY' });
    expect(f.calls).toBe(4);
    expect(clock.sleeps).toEqual([2_000, 2_000, 2_000]);
  });

  it('opens the breaker after consecutive institution faults, fails fast while open, and probes after the cooldown', async () => {
    const clock = fakeClock();
    const opened: string[] = [];
    const breakers = new CircuitBreakers({
      threshold: 3,
      cooldownMs: 60_000,
      now: clock.now,
      onOpen: (key) => opened.push(key),
    });
    const down = () => plaid('INSTITUTION_ERROR', 'INSTITUTION_DOWN');
    const hooks = { breaker: { breakers, key: 'ins_1' } };
    const f = failing([down(), down(), down(), down()]);
    const error = await withRetry(f.fn, policy(clock), hooks).catch((e: AppError) => e);
    // Three faults open it; the fourth attempt is refused without a request.
    expect(f.calls).toBe(3);
    expect(error).toMatchObject({ code: CIRCUIT_OPEN });
    expect(opened).toEqual(['ins_1']);

    // Other Items at the same bank fail fast too; another bank is unaffected.
    const other = failing([]);
    await expect(withRetry(other.fn, policy(clock), hooks)).rejects.toMatchObject({ code: CIRCUIT_OPEN });
    expect(other.calls).toBe(0);
    await expect(withRetry(other.fn, policy(clock), { breaker: { breakers, key: 'ins_2' } })).resolves.toBe(
      'ok',
    );

    await clock.sleep(60_000);
    const probe = failing([]);
    await expect(withRetry(probe.fn, policy(clock), hooks)).resolves.toBe('ok');
    expect(probe.calls).toBe(1);
    expect(breakers.isOpen('ins_1')).toBe(false);
  });

  it('does not count rate limits or our own network against the institution', async () => {
    const clock = fakeClock();
    const breakers = new CircuitBreakers({ threshold: 2, cooldownMs: 60_000, now: clock.now });
    const f = failing([
      plaid('RATE_LIMIT_EXCEEDED', 'RATE_LIMIT'),
      new PlaidUnreachableError('connection refused', 'network'),
      plaid('RATE_LIMIT_EXCEEDED', 'RATE_LIMIT'),
    ]);
    await expect(withRetry(f.fn, policy(clock), { breaker: { breakers, key: 'ins_1' } })).resolves.toBe('ok');
    expect(breakers.isOpen('ins_1')).toBe(false);
  });
});

describe('the gateway under the policy', () => {
  let server: http.Server;
  let base: string;
  const hits: Record<string, number> = {};
  let replies: { status: number; body: unknown; headers?: Record<string, string> }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits[req.url ?? ''] = (hits[req.url ?? ''] ?? 0) + 1;
      req.resume();
      req.on('end', () => {
        const reply = replies.shift() ?? { status: 200, body: { accounts: [], request_id: 'req-ok' } };
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  function recordingLogger() {
    const lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
    const at =
      (level: string) =>
      (msg: string, fields: Record<string, unknown> = {}) =>
        lines.push({ level, msg, fields });
    const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
    return { lines, log };
  }

  it('logs every attempt with its request_id and the decision, and honours Retry-After', async () => {
    const clock = fakeClock();
    const { lines, log } = recordingLogger();
    const gateway = new PlaidGateway(createPlaidApi({ basePath: base, clientId: 'c', secret: 's' }), log, {
      retry: policy(clock),
    });
    replies = [
      {
        status: 429,
        headers: { 'retry-after': '2' },
        body: {
          error_type: 'RATE_LIMIT_EXCEEDED',
          error_code: 'TRANSACTIONS_SYNC_LIMIT',
          error_message: 'slow down',
          display_message: null,
          request_id: 'req-429',
        },
      },
    ];
    await gateway.accountsGet(fakeAccessToken());
    expect(clock.sleeps).toEqual([2_000]);
    expect(lines.map((l) => [l.msg, l.fields.request_id, l.fields.decision ?? null])).toEqual([
      ['plaid request failed', 'req-429', 'retry-transient'],
      ['plaid retry', 'req-429', 'retry-transient'],
      ['plaid request', 'req-ok', null],
    ]);
  });

  it('logs a bug at error level with its request_id and does not retry it', async () => {
    const { lines, log } = recordingLogger();
    const gateway = new PlaidGateway(createPlaidApi({ basePath: base, clientId: 'c', secret: 's' }), log, {
      retry: policy(fakeClock()),
    });
    replies = [
      {
        status: 400,
        body: {
          error_type: 'INVALID_REQUEST',
          error_code: 'UNKNOWN_FIELDS',
          error_message: 'the following fields are not recognized',
          display_message: null,
          request_id: 'req-bug',
        },
      },
    ];
    hits['/item/get'] = 0;
    await expect(gateway.itemGet(fakeAccessToken())).rejects.toBeInstanceOf(PlaidApiError);
    expect(hits['/item/get']).toBe(1);
    expect(lines.find((l) => l.level === 'error')).toMatchObject({
      msg: 'plaid request failed',
      fields: { request_id: 'req-bug', decision: 'bug', error_code: 'UNKNOWN_FIELDS' },
    });
    expect(lines.find((l) => l.msg === 'plaid gave up')?.fields.why).toBe('not-retryable');
  });

  it('keys the breaker by the institution the token belongs to', async () => {
    const clock = fakeClock();
    const { log } = recordingLogger();
    const gateway = new PlaidGateway(createPlaidApi({ basePath: base, clientId: 'c', secret: 's' }), log, {
      retry: policy(clock, { retries: 0 }),
      breaker: { threshold: 2, cooldownMs: 1_000 },
    });
    const token = fakeAccessToken('11111111-0000-0000-0000-000000000000');
    gateway.bindInstitution(token, 'ins_down');
    const down = {
      status: 400,
      body: {
        error_type: 'INSTITUTION_ERROR',
        error_code: 'INSTITUTION_DOWN',
        error_message: 'down',
        display_message: null,
        request_id: 'r',
      },
    };
    replies = [down, down];
    await gateway.accountsGet(token).catch(() => undefined);
    await gateway.accountsGet(token).catch(() => undefined);
    hits['/accounts/get'] = 0;
    await expect(gateway.accountsGet(token)).rejects.toMatchObject({ code: CIRCUIT_OPEN });
    expect(hits['/accounts/get']).toBe(0);
    expect(gateway.breakers.isOpen('ins_down')).toBe(true);
  });
});
