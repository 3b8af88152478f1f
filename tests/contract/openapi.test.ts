import { describe, expect, it } from 'vitest';
import {
  availableSpecSources,
  compareSpecVersions,
  loadSpec,
  MINIMUM_SPEC_VERSION,
  requestContractViolations,
  SPEC_LOCATIONS,
} from './openapi';

describe('the spec the contract tests use', () => {
  it('exists and is at least as new as the tests need (no contract test passes without one)', () => {
    const spec = loadSpec();
    expect(compareSpecVersions(spec.version, MINIMUM_SPEC_VERSION)).toBeGreaterThanOrEqual(0);
    expect(spec.paths.length).toBeGreaterThan(100);
    expect(spec.validateSchema('AuthDefaultUpdateWebhook', {}).valid).toBe(false);
  });

  it('fails, saying where a spec would come from, when there is none', () => {
    const saved = { ...SPEC_LOCATIONS };
    try {
      SPEC_LOCATIONS.shared = '/nonexistent/2020-09-14.yml';
      SPEC_LOCATIONS.sdk = '/nonexistent/api.d.ts';
      expect(() => loadSpec()).toThrow(/No Plaid OpenAPI spec of at least .*run npm ci/);
    } finally {
      Object.assign(SPEC_LOCATIONS, saved);
    }
  });

  it('orders versions by API date, then by the spec’s own numbering', () => {
    expect(compareSpecVersions('2020-09-14_1.740.1', '2020-09-14_1.697')).toBeGreaterThan(0);
    expect(compareSpecVersions('2020-09-14_1.482.0', MINIMUM_SPEC_VERSION)).toBeLessThan(0);
    expect(compareSpecVersions('2020-09-14_1.697.4', '2020-09-14_1.697.4')).toBe(0);
  });
});

describe.each(availableSpecSources())('the OpenAPI validator (%s spec)', (source) => {
  const spec = loadSpec(source);

  it('accepts a response shaped like Plaid’s and rejects one that is not', () => {
    const good = {
      accounts: [],
      added: [],
      modified: [],
      removed: [{ transaction_id: 'a', account_id: 'b' }],
      next_cursor: 'abc',
      has_more: false,
      request_id: 'Abc123',
      transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE',
    };
    expect(spec.validateResponse('/transactions/sync', 200, good)).toEqual({ valid: true, errors: [] });
    const { has_more: _dropped, ...missing } = good;
    const bad = spec.validateResponse('/transactions/sync', 200, {
      ...missing,
      removed: [{ transaction_id: 1 }],
    });
    expect(bad.valid).toBe(false);
    expect(bad.errors.join('\n')).toMatch(/has_more/);
    expect(bad.errors.join('\n')).toMatch(/\/removed\/0\/transaction_id/);
  });

  it('checks error responses against PlaidError and null where the spec allows it', () => {
    const error = {
      error_type: 'INVALID_INPUT',
      error_code: 'X',
      error_message: 'm',
      display_message: null,
      request_id: 'r',
    };
    expect(spec.validateResponse('/item/get', 400, error).valid).toBe(true);
    expect(spec.validateResponse('/item/get', 400, { ...error, error_type: 'NOT_A_TYPE' }).valid).toBe(false);
    expect(spec.validateResponse('/item/get', 400, { ...error, display_message: undefined }).valid).toBe(
      false,
    );
  });

  it('flags request fields Plaid does not know, and missing required ones', () => {
    expect(
      spec.validateRequest('/transactions/sync', { access_token: 't', cursor: '', count: 500 }).valid,
    ).toBe(true);
    const unknown = spec.validateRequest('/transactions/sync', { access_token: 't', colour: 'red' });
    expect(unknown.errors).toEqual(['/colour is not a field Plaid accepts here']);
    const nested = spec.validateRequest('/transactions/sync', {
      access_token: 't',
      options: { include_everything: true },
    });
    expect(nested.valid).toBe(false);
    expect(spec.validateRequest('/transactions/sync', { cursor: '' }).valid).toBe(false);
    expect(spec.validateRequest('/transactions/sync', { access_token: 't', count: 'many' }).valid).toBe(
      false,
    );
  });

  it('turns recorded requests into a list of violations', () => {
    const violations = requestContractViolations(
      {
        '/accounts/get': [
          { body: { access_token: '<redacted>' }, status: 200 },
          { body: { access_token: '<redacted>', extra: 1 }, status: 400 },
        ],
      },
      spec,
    );
    expect(violations).toEqual(['POST /accounts/get #1: /extra is not a field Plaid accepts here']);
  });
});
