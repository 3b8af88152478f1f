/**
 * Issue 6, item 2: whatever reaches a log line or an error message is scrubbed of anything
 * token-shaped, even a value the Redactor was never told about.
 */
import { describe, expect, it } from 'vitest';
import { newRecoveryKey } from '../../src/main/services/security/recovery';
import { REDACTED, Redactor, redactText } from '../../src/main/services/plaid/redact';
import { fakeAccessToken } from '../support/fake-token';

describe('redaction by shape', () => {
  it.each([
    ['an access token', `token ${fakeAccessToken('4f5e1c2a-1111-2222-3333-444455556666')} failed`],
    ['a public token', 'public-production-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'],
    ['an Authorization header', 'Authorization: Bearer eyJhbGciOi.relay-device-secret-xyz'],
    [
      'a relay device secret as a bearer token',
      'GET /devices/d1/events with Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    ],
    ['a Plaid secret field', '{"client_id":"abc","secret":"0123456789abcdef0123456789abcd"}'],
    ['a JWT', 'Plaid-Verification: eyJhbGciOiJFUzI1NiJ9.eyJpYXQiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLXNpZ25hdHVyZQ'],
    ['the raw ledger key', `PRAGMA key = "x'${'ab'.repeat(32)}'"`],
    ['a hex key field', `hexkey=${'cd'.repeat(32)}`],
    ['a recovery key', `recovery ${newRecoveryKey()} shown`],
  ])('scrubs %s', (_what, text) => {
    const out = redactText(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(out).not.toMatch(
      /(ab){32}|(cd){32}|0123456789abcdef0123456789abcd|relay-device-secret|9f8e7d6c5b4a/,
    );
    expect(out).not.toMatch(/([0-9A-Z]{4}-){7}[0-9A-Z]{4}/);
    expect(out).not.toMatch(/c2lnbmF0dXJl/);
  });

  it('keeps what is not secret: ids, request ids, cursors, a SHA-256 body hash', () => {
    const text =
      'item_id=Y5XQJFvI9mFL3eKhfRbPfr8tpIDJOQfhHEDgh request_id=SnojGiiWkUnAnrw sha256=' + 'e3'.repeat(32);
    expect(redactText(text)).toBe(text);
  });

  it('drops secret-named fields whatever their value, and exact known values anywhere', () => {
    const r = new Redactor();
    r.add('s3cr3t-value-of-the-day');
    expect(
      r.value({
        recoveryKey: 'x',
        ledgerKey: 'y',
        accessToken: 'z',
        note: 'has s3cr3t-value-of-the-day in it',
        link_token: 'link-x',
      }),
    ).toEqual({
      recoveryKey: REDACTED,
      ledgerKey: REDACTED,
      accessToken: REDACTED,
      note: `has ${REDACTED} in it`,
      link_token: 'link-x',
    });
  });
});
