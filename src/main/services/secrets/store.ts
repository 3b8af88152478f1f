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

export const DEMO_MEMORY_NOTICE =
  'Demo Items are kept in memory only because no keychain is available; they will not survive a restart.';

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
