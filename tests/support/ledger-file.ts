/**
 * Opens a data dir's ledger file directly, for tests that read state the contract does not
 * expose. The ledger is encrypted: the key comes from the (test) keychain, as the core gets it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PlaidEnvironment } from '../../src/shared/api';
import { ledgerKeyFromHex, openLedgerFile } from '../../src/main/services/ledger/ledger-file';
import type { SqliteDatabase } from '../../src/main/services/ledger/sqlite';
import { readKeychainSecretSync } from '../../src/main/services/secrets/keychain';
import { ledgerKeyPurpose } from '../../src/main/services/secrets/store';

export function ledgerKeyOf(dataDir: string, environment: PlaidEnvironment = 'demo'): Buffer | null {
  const idFile = path.join(dataDir, 'ledger-id');
  if (!fs.existsSync(idFile)) return null;
  const ledgerId = fs.readFileSync(idFile, 'utf8').trim();
  let hex: string | null = null;
  try {
    hex = readKeychainSecretSync(ledgerId, ledgerKeyPurpose(environment));
  } catch {
    hex = null; // no keychain in this process: the ledger (demo) is unencrypted
  }
  return hex ? ledgerKeyFromHex(hex) : null;
}

/** The ledger of dataDir/environment, opened with its key (read-only unless asked). */
export function openLedgerDb(
  dataDir: string,
  environment: PlaidEnvironment = 'demo',
  options: { readonly?: boolean } = {},
): SqliteDatabase {
  return openLedgerFile(path.join(dataDir, environment, 'ledger.sqlite'), ledgerKeyOf(dataDir, environment), {
    readonly: options.readonly ?? true,
  });
}
