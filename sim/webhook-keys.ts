/**
 * The simulator's webhook signing keys, as Plaid's: EC P-256 keys used for ES256, served by
 * /webhook_verification_key/get as JWKPublicKey. They are the simulator's own keys (not a token,
 * worthless outside it), so they live in the state file and every process sharing it signs alike.
 * Rotation: a new key signs from now on; the old one keeps `expired_at: null` for a grace period
 * (in-flight deliveries still verify), then reports when it expired.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { PlaidApiError } from './errors';
import type { StateStore } from './state';
import { WebhookKeyRecord } from './webhook-key-record';

/** Plaid's JWKPublicKey. */
export interface JwkPublicKey {
  alg: 'ES256';
  created_at: number;
  crv: 'P-256';
  expired_at: number | null;
  kid: string;
  kty: 'EC';
  use: 'sig';
  x: string;
  y: string;
}

export const DEFAULT_ROTATION_GRACE_SECONDS = 300;

const nowSeconds = () => Math.floor(Date.now() / 1000);

export class WebhookKeys {
  private readonly imported = new Map<string, CryptoKey>();

  constructor(private readonly store: StateStore) {}

  private records(): WebhookKeyRecord[] {
    return this.store.get().webhook_keys ?? [];
  }

  /** The key new signatures use: the newest one not being retired. */
  private current(): WebhookKeyRecord | undefined {
    return this.records()
      .filter((k) => k.retire_at === null)
      .sort((a, b) => b.created_at - a.created_at)[0];
  }

  async ensureKey(): Promise<WebhookKeyRecord> {
    return this.current() ?? (await this.addKey());
  }

  /** Creates a key that signs from now on; the previous ones expire after `graceSeconds`. */
  async rotate(graceSeconds = DEFAULT_ROTATION_GRACE_SECONDS): Promise<{ kid: string; retired: string[] }> {
    const retireAt = nowSeconds() + Math.max(0, Math.floor(graceSeconds));
    const retired = this.records()
      .filter((k) => k.retire_at === null)
      .map((k) => k.kid);
    const fresh = await this.addKey((s) => {
      for (const k of s.webhook_keys ?? []) if (retired.includes(k.kid)) k.retire_at = retireAt;
    });
    return { kid: fresh.kid, retired };
  }

  private async addKey(
    alsoChange: (state: ReturnType<StateStore['get']>) => void = () => {},
  ): Promise<WebhookKeyRecord> {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    const record = WebhookKeyRecord.parse({
      kid: randomUUID(),
      created_at: nowSeconds(),
      retire_at: null,
      private_jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d },
    });
    this.store.update((s) => {
      alsoChange(s);
      s.webhook_keys = [...(s.webhook_keys ?? []), record];
    });
    return record;
  }

  /** The signing key and its kid, for one signature. */
  async signer(): Promise<{ kid: string; key: CryptoKey }> {
    const record = await this.ensureKey();
    let key = this.imported.get(record.kid);
    if (!key) {
      key = (await importJWK(record.private_jwk as JWK, 'ES256')) as CryptoKey;
      this.imported.set(record.kid, key);
    }
    return { kid: record.kid, key };
  }

  /** /webhook_verification_key/get's `key`. */
  publicKey(kid: string): JwkPublicKey {
    const record = this.records().find((k) => k.kid === kid);
    if (!record) throw new PlaidApiError('INVALID_WEBHOOK_VERIFICATION_KEY_ID');
    const expired = record.retire_at !== null && record.retire_at <= nowSeconds();
    return {
      alg: 'ES256',
      created_at: record.created_at,
      crv: 'P-256',
      expired_at: expired ? record.retire_at : null,
      kid: record.kid,
      kty: 'EC',
      use: 'sig',
      x: record.private_jwk.x,
      y: record.private_jwk.y,
    };
  }

  list(): JwkPublicKey[] {
    return this.records().map((k) => this.publicKey(k.kid));
  }
}
