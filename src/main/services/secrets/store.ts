/** Where secrets (access tokens, Plaid keys) live: the OS keychain, or memory in demo mode without one. */
export interface SecretStore {
  readonly kind: 'keychain' | 'memory';
  get(purpose: string): Promise<string | null>;
  set(purpose: string, value: string): Promise<void>;
  delete(purpose: string): Promise<void>;
}

export interface KeychainStatus {
  available: boolean;
  /** A sentence saying what is wrong and how to fix it; null when the keychain works. */
  message: string | null;
}

export const itemTokenPurpose = (itemId: string) => `item:${itemId}`;
export const plaidClientPurpose = (environment: string) => `plaid-client:${environment}`;
/** An Asset Report's asset_report_token: it reads (and removes) the report, so it is a secret. */
export const assetReportTokenPurpose = (assetReportId: string) => `asset-report:${assetReportId}`;
/** The ledger's Plaid user (bank income): its user_token. */
export const PLAID_USER_PURPOSE = 'plaid-user';

/**
 * The one sentence a missing keychain earns in demo mode: its cause and fix, and what demo loses
 * (Items kept in memory, the ledger unencrypted), instead of a line for each consequence.
 */
export function demoWithoutKeychainNotice(keychainMessage: string | null): string {
  const cause = keychainMessage ?? 'No keychain is available; sandbox and production need it.';
  return `${cause} Demo mode works without one, but its Items last only until Coffer closes and its ledger is not encrypted.`;
}

export function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    kind: 'memory',
    get: async (purpose) => values.get(purpose) ?? null,
    set: async (purpose, value) => {
      values.set(purpose, value);
    },
    delete: async (purpose) => {
      values.delete(purpose);
    },
  };
}

/** The ledger's 256-bit encryption key (64 hex characters), one per environment. */
export const ledgerKeyPurpose = (environment: string) => `ledger-key:${environment}`;
/** A recovery key made at setup, kept only until the user says they wrote it down. */
export const pendingRecoveryKeyPurpose = (environment: string) => `ledger-recovery-pending:${environment}`;
