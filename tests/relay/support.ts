/**
 * Test keys and tokens for the relay's unit tests: an ES256 key pair made here with jose, served
 * through the same KeyCache the relay uses (the lookup is the only piece replaced). Integration
 * tests use the simulator's own keys and webhooks instead.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { PlaidJwk } from '../../relay/keys';
import { sha256Hex } from '../../relay/verify';

export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: PlaidJwk;
}

export async function makeKey(expiredAt: number | null = null): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = randomUUID();
  return {
    kid,
    privateKey,
    jwk: {
      alg: 'ES256',
      crv: 'P-256',
      kid,
      kty: 'EC',
      use: 'sig',
      x: pub.x!,
      y: pub.y!,
      created_at: Math.floor(Date.now() / 1000) - 3600,
      expired_at: expiredAt,
    },
  };
}

/** A body as Plaid sends it: pretty-printed with two spaces. */
export function plaidBody(fields: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ environment: 'sandbox', ...fields }, null, 2));
}

export async function sign(
  key: TestKey,
  body: Uint8Array,
  options: { iat?: number; kid?: string; hash?: string } = {},
): Promise<string> {
  return new SignJWT({ request_body_sha256: options.hash ?? sha256Hex(body) })
    .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? key.kid, typ: 'JWT' })
    .setIssuedAt(options.iat ?? Math.floor(Date.now() / 1000))
    .sign(key.privateKey);
}

export function b64url(value: string | Uint8Array): string {
  return Buffer.from(value).toString('base64url');
}
