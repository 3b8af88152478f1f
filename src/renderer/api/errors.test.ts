import { describe, expect, it } from 'vitest';
import { CofferApiError, errorText, unwrapEnvelope } from './errors';

const plaid = {
  error_type: 'ITEM_ERROR',
  error_code: 'ITEM_LOGIN_REQUIRED',
  error_message: 'the login details of this item have changed',
  display_message: 'Your bank needs you to sign in again.',
  request_id: 'req-1',
};

describe('unwrapEnvelope', () => {
  it('returns the result of an ok envelope, checked against the call schema', () => {
    const result = unwrapEnvelope('accounts.list', { ok: true, result: { accounts: [] } });
    expect(result).toEqual({ accounts: [] });
  });

  it('throws a CofferApiError carrying code, message and Plaid error for ok:false', () => {
    let thrown: unknown;
    try {
      unwrapEnvelope('sync.run', { ok: false, error: { code: 'PLAID', message: 'sync failed', plaid } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CofferApiError);
    const error = thrown as CofferApiError;
    expect(error.code).toBe('PLAID');
    expect(error.message).toBe('sync failed');
    expect(error.plaid).toEqual(plaid);
    expect(errorText(error)).toBe('Your bank needs you to sign in again.');
  });

  it('shows the message when Plaid was not involved', () => {
    const envelope = {
      ok: false,
      error: { code: 'LOCKED', message: 'Another Coffer is writing.', plaid: null },
    };
    expect(() => unwrapEnvelope('sync.run', envelope)).toThrow('Another Coffer is writing.');
    try {
      unwrapEnvelope('sync.run', envelope);
    } catch (error) {
      expect(errorText(error)).toBe('Another Coffer is writing.');
    }
  });

  it('rejects replies that break the contract', () => {
    expect(() => unwrapEnvelope('accounts.list', { ok: true, result: { accounts: [{ id: 1 }] } })).toThrow(
      expect.objectContaining({ code: 'BAD_RESPONSE' }),
    );
    expect(() => unwrapEnvelope('accounts.list', 'forbidden')).toThrow(CofferApiError);
  });
});
