import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { silentLogger } from '../log/logger';
import { createPlaidApi, PlaidGateway } from './client';
import { classifyError, PlaidApiError, PlaidUnreachableError } from './errors';
import { withRetry } from './retry';
import { fakeAccessToken } from '../../../../tests/support/fake-token';

const SECRET = 'secret-that-must-never-leak-1234';
const ACCESS = fakeAccessToken('11111111-2222-3333-4444-555555555555');

let server: http.Server;
let base: string;
const hits: Record<string, number> = {};
let nextError: { status: number; body: unknown } | null = null;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits[req.url ?? ''] = (hits[req.url ?? ''] ?? 0) + 1;
    if (req.url?.startsWith('/hang')) return; // never answers
    req.resume();
    req.on('end', () => {
      const reply = nextError ?? { status: 200, body: { accounts: [], item: {}, request_id: 'okreq' } };
      res.writeHead(reply.status, { 'content-type': 'application/json' });
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

const gateway = (basePath = base, timeoutMs = 2000, sleeps: number[] = []) =>
  new PlaidGateway(
    createPlaidApi({ basePath, clientId: 'client', secret: SECRET, timeoutMs }),
    silentLogger,
    {
      retries: 2,
      baseMs: 100,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
  );

async function failure(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function expectNoSecret(error: unknown) {
  const dump = `${inspect(error, { depth: 10, showHidden: true })} ${JSON.stringify(error)} ${(error as Error).stack}`;
  expect(dump).not.toContain(SECRET);
  expect(dump).not.toContain(ACCESS);
}

describe('SDK failures', () => {
  it("keep Plaid's error object and status, and nothing of the request", async () => {
    nextError = {
      status: 400,
      body: {
        error_type: 'ITEM_ERROR',
        error_code: 'ITEM_LOGIN_REQUIRED',
        error_message: 'the login details of this item have changed',
        display_message: 'Please update your login.',
        request_id: 'req-123',
      },
    };
    const error = await failure(gateway().accountsGet(ACCESS));
    expect(error).toBeInstanceOf(PlaidApiError);
    expect(error.plaid).toEqual(nextError.body);
    expect((error as PlaidApiError).status).toBe(400);
    expect(error.message).toBe('Please update your login.');
    expect(classifyError(error)).toBe('user-action');
    expectNoSecret(error);
  });

  it('retry transient Plaid errors at most twice with jittered backoff', async () => {
    nextError = {
      status: 500,
      body: {
        error_type: 'API_ERROR',
        error_code: 'INTERNAL_SERVER_ERROR',
        error_message: 'x',
        display_message: null,
      },
    };
    const sleeps: number[] = [];
    hits['/accounts/get'] = 0;
    const error = await failure(gateway(base, 2000, sleeps).accountsGet(ACCESS));
    expect(error.plaid?.error_code).toBe('INTERNAL_SERVER_ERROR');
    expect(hits['/accounts/get']).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeLessThan(100);
    expect(sleeps[1]).toBeLessThan(200);
  });

  it('never retry the public token exchange', async () => {
    nextError = {
      status: 500,
      body: {
        error_type: 'API_ERROR',
        error_code: 'INTERNAL_SERVER_ERROR',
        error_message: 'x',
        display_message: null,
      },
    };
    hits['/item/public_token/exchange'] = 0;
    await failure(gateway().exchangePublicToken('public-sandbox-abcdef-123456'));
    expect(hits['/item/public_token/exchange']).toBe(1);
  });

  it('turn a timeout into a plain transient error', async () => {
    const error = await failure(gateway(`${base}/hang`, 200).itemGet(ACCESS));
    expect(error).toBeInstanceOf(PlaidUnreachableError);
    expect(error.message).toBe('Plaid did not answer within 1 s. Coffer will try again at the next sync.');
    expect(error.plaid?.display_message).toBe(error.message);
    expect(error.message).not.toMatch(/internet|network/);
    expectNoSecret(error);
  });

  it('turn a refused connection into a plain transient error', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const error = await failure(gateway(`http://127.0.0.1:${port}`).itemGet(ACCESS));
    expect(error.code).toBe('PLAID_UNREACHABLE');
    expectNoSecret(error);
  });
});

describe('classifyError', () => {
  const plaid = (error_type: string, error_code: string) =>
    new PlaidApiError({ error_type, error_code, error_message: 'm', display_message: null }, 400);
  it.each([
    ['API_ERROR', 'INTERNAL_SERVER_ERROR', 'retry-transient'],
    ['API_ERROR', 'PLANNED_MAINTENANCE', 'retry-transient'],
    ['RATE_LIMIT_EXCEEDED', 'TRANSACTIONS_SYNC_LIMIT', 'retry-transient'],
    ['RATE_LIMIT_EXCEEDED', 'CREDITS_EXHAUSTED', 'user-action'],
    ['INSTITUTION_ERROR', 'INSTITUTION_DOWN', 'retry-transient'],
    ['INSTITUTION_ERROR', 'INSTITUTION_NO_LONGER_SUPPORTED', 'user-action'],
    ['TRANSACTIONS_ERROR', 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION', 'restart-loop'],
    ['ITEM_ERROR', 'PRODUCT_NOT_READY', 'poll'],
    ['ITEM_ERROR', 'ITEM_LOGIN_REQUIRED', 'user-action'],
    ['INVALID_INPUT', 'INVALID_API_KEYS', 'user-action'],
    ['INVALID_INPUT', 'INVALID_ACCESS_TOKEN', 'bug'],
    ['INVALID_REQUEST', 'MISSING_FIELDS', 'bug'],
  ])('%s / %s → %s', (type, code, action) => {
    expect(classifyError(plaid(type, code))).toBe(action);
  });

  it('treats a non-Plaid error as a bug and never retries it', async () => {
    let calls = 0;
    const error = await failure(
      withRetry(
        async () => {
          calls++;
          throw new AppError('INTERNAL', 'boom');
        },
        { retries: 2, baseMs: 1, sleep: async () => {} },
      ),
    );
    expect(error.code).toBe('INTERNAL');
    expect(calls).toBe(1);
  });
});
