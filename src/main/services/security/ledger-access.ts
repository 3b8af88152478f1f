/**
 * Which key opens this environment's ledger, decided once per open:
 * - keychain available: the key lives in the keychain (`ledger-key:<env>`). A new ledger gets a
 *   new key and a recovery key; a plain ledger left by an older Coffer is encrypted in place.
 *   An encrypted ledger whose key is missing or wrong is refused with a way out, never replaced.
 * - no keychain (demo only; sandbox and production refuse earlier): nowhere safe to keep a key, so
 *   the demo ledger stays unencrypted and a notice says so. Demo data is made up.
 */
import fs from 'node:fs';
import type { PlaidEnvironment } from '../../../shared/api';
import { AppError } from '../errors';
import { openLedger, type Ledger } from '../ledger/ledger';
import {
  encryptLedgerFile,
  ledgerFileKind,
  ledgerKeyCheck,
  ledgerKeyFromHex,
  newLedgerKey,
} from '../ledger/ledger-file';
import type { WriterLock } from '../ledger/writer-lock';
import type { Logger } from '../log/logger';
import { ledgerKeyPurpose, pendingRecoveryKeyPurpose, type SecretStore } from '../secrets/store';
import { asDamagedLedger, refuseDamagedLedger } from './ledger-health';
import { newRecoveryKey, readRecoveryFile, wrapLedgerKey, writeRecoveryFile } from './recovery';

export const DEMO_UNENCRYPTED_NOTICE =
  'The demo ledger is not encrypted because no keychain is available to keep its key (demo data is made up; sandbox and production ledgers are always encrypted).';
export const RECOVERY_KEY_NOTICE =
  'A recovery key was made for this ledger: write it down, it reopens the ledger if the keychain entry is lost. Show it in Settings or with `coffer recovery-key`.';

export interface LedgerAccessInput {
  environment: PlaidEnvironment;
  ledgerFile: string;
  recoveryFile: string;
  /** The keychain, or null when none is available. */
  keychain: SecretStore | null;
  lock: WriterLock;
  log: Logger;
}

export interface LedgerAccess {
  ledger: Ledger;
  /** null: an unencrypted ledger (demo without a keychain). */
  key: Buffer | null;
  notices: string[];
}

function unlockHint(environment: PlaidEnvironment): string {
  const env = environment === 'demo' ? '' : ` --plaid-env ${environment}`;
  return (
    `Run \`coffer unlock --recovery-key <your recovery key>${env}\` to put the key back into the keychain, ` +
    `or \`coffer restore --from <backup>${env}\` into a new data dir.`
  );
}

/** Opens the ledger for the core with the right key, creating or migrating its encryption if needed. */
export async function openLedgerWithKey(input: LedgerAccessInput): Promise<LedgerAccess> {
  const { environment, ledgerFile, keychain, log } = input;
  refuseDamagedLedger(ledgerFile);
  if (!keychain) {
    if (environment !== 'demo') {
      throw new AppError('KEYCHAIN_UNAVAILABLE', 'No keychain is available; sandbox and production need it.');
    }
    if (ledgerFileKind(ledgerFile) === 'encrypted') {
      throw new AppError(
        'LEDGER_KEY_UNAVAILABLE',
        `The demo ledger ${ledgerFile} is encrypted and its key is in the keychain, which is not available now; ` +
          'start the keychain, or move that file away to start a fresh demo ledger.',
      );
    }
    try {
      return { ledger: openLedger(ledgerFile), key: null, notices: [DEMO_UNENCRYPTED_NOTICE] };
    } catch (error) {
      throw asDamagedLedger(ledgerFile, error);
    }
  }

  // Decided under the writer lock: two processes starting on a new data dir must not make two keys.
  const key = await input.lock.with(async () => {
    const kind = ledgerFileKind(ledgerFile);
    const stored = await keychain.get(ledgerKeyPurpose(environment));
    const storedKey = stored === null ? null : ledgerKeyFromHex(stored);
    if (stored !== null && storedKey === null) {
      throw new AppError(
        'LEDGER_KEY_WRONG',
        `The ledger key in the keychain is damaged, so ${ledgerFile} cannot be opened; nothing was changed. ${unlockHint(environment)}`,
      );
    }
    if (kind === 'encrypted') {
      if (!storedKey) {
        throw new AppError(
          'LEDGER_KEY_MISSING',
          `The ledger ${ledgerFile} is encrypted and its key is not in the keychain (a new machine or a reset keychain); nothing was changed. ${unlockHint(environment)}`,
        );
      }
      return storedKey;
    }
    const chosen = storedKey ?? newLedgerKey();
    if (!storedKey) await keychain.set(ledgerKeyPurpose(environment), chosen.toString('hex'));
    await ensureRecoveryFile(input, chosen);
    if (kind === 'plain') {
      encryptLedgerFile(ledgerFile, chosen);
      log.info('ledger encrypted in place', { environment });
    }
    return chosen;
  });

  let ledger: Ledger;
  try {
    ledger = openLedger(ledgerFile, { key });
  } catch (error) {
    if (error instanceof AppError && error.code === 'LEDGER_KEY_WRONG') {
      throw new AppError(
        'LEDGER_KEY_WRONG',
        `The key in the keychain does not open the ledger ${ledgerFile} (a key from another ledger, or a damaged file); nothing was changed. ${unlockHint(environment)}`,
      );
    }
    throw asDamagedLedger(ledgerFile, error);
  }
  return { ledger, key, notices: [] };
}

/**
 * Makes sure `ledger-key.recovery.json` wraps this key; if it wraps another (or is missing), a new
 * recovery key is made and kept in the keychain until the user acknowledges it. An old file for
 * another key is kept beside, renamed: it may still open a backup.
 */
async function ensureRecoveryFile(input: LedgerAccessInput, key: Buffer): Promise<void> {
  let existing = null;
  try {
    existing = readRecoveryFile(input.recoveryFile);
  } catch {
    existing = null;
  }
  if (existing && existing.keyCheck === ledgerKeyCheck(key)) return;
  if (fs.existsSync(input.recoveryFile)) {
    fs.renameSync(input.recoveryFile, input.recoveryFile.replace(/\.json$/, `.replaced-${Date.now()}.json`));
  }
  const recoveryKey = newRecoveryKey();
  writeRecoveryFile(input.recoveryFile, wrapLedgerKey(key, recoveryKey));
  await input.keychain!.set(pendingRecoveryKeyPurpose(input.environment), recoveryKey);
}
