import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor, redactText } from './redact';
import { fakeAccessToken } from '../../../../tests/support/fake-token';

describe('Redactor', () => {
  it('scrubs Plaid tokens by shape', () => {
    const text = `got ${fakeAccessToken('de3ce8ef-33f8-452c-a685-8671031fc0f6')} and public-demo-abcdef123456 for link-sandbox-xyz123abc`;
    const out = redactText(text);
    expect(out).not.toMatch(/de3ce8ef|abcdef123456|xyz123abc/);
    expect(out).toContain(`access-${REDACTED}`);
  });

  it('scrubs secrets in headers, JSON fields and Authorization', () => {
    const out = redactText(
      '{"client_id":"abc","secret":"s3cr3t-value","access_token":"tok"} PLAID-SECRET: hunter22 Authorization: Bearer abc.def.ghi',
    );
    expect(out).not.toMatch(/s3cr3t-value|hunter22|abc\.def\.ghi|"tok"/);
    expect(out).toContain('"client_id":"abc"');
  });

  it('scrubs known exact values wherever they appear, and secret-named keys in objects', () => {
    const r = new Redactor();
    r.add('my-very-own-secret');
    const out = r.value({
      message: 'failed with my-very-own-secret inside',
      nested: { headers: { 'PLAID-SECRET': 'x', 'PLAID-CLIENT-ID': 'id' }, list: ['my-very-own-secret'] },
      link_token: 'link-sandbox-123456789',
      next_cursor: 'abc',
    });
    const json = JSON.stringify(out);
    expect(json).not.toContain('my-very-own-secret');
    expect(json).toContain('"PLAID-SECRET":"[REDACTED]"');
    expect(json).toContain('"PLAID-CLIENT-ID":"id"');
    expect(json).toContain('"next_cursor":"abc"');
  });
});
