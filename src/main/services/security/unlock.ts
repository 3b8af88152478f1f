/**
 * `coffer unlock`: puts the ledger key back into the keychain from the recovery file and the
 * recovery key, after checking that the key really opens the ledger. Runs without the core,
 * which cannot open while the key is missing.
 */
import path from 'node:path';
import type { PlaidEnvironment } from '../../../shared/api';
import { AppError } from '../errors';
import { ledgerFileKind, ledgerKeyFromHex, openLedgerFile } from '../ledger/ledger-file';
import { envPaths, readOrCreateLedgerId } from '../paths';
import { openKeychain } from '../secrets/keychain';
import { ledgerKeyPurpose } from '../secrets/store';
import { readRecoveryFile, unwrapLedgerKey } from './recovery';

export type UnlockResult = 'restored' | 'already-unlocked';

function opens(file: string, key: Buffer): boolean {
  try {
    openLedgerFile(file, key, { readonly: true }).close();
    return true;
  } catch {
    return false;
  }
}

export async function unlockWithRecoveryKey(input: {
  dataDir: string;
  environment: PlaidEnvironment;
  recoveryKey: string;
}): Promise<UnlockResult> {
  const dataDir = path.resolve(input.dataDir);
  const paths = envPaths(dataDir, input.environment);
  if (ledgerFileKind(paths.ledger) !== 'encrypted') {
    throw new AppError('NOTHING_TO_UNLOCK', `There is no encrypted ledger at ${paths.ledger}.`);
  }
  const recovery = readRecoveryFile(paths.ledgerRecovery);
  if (!recovery) {
    throw new AppError(
      'RECOVERY_FILE_MISSING',
      `${paths.ledgerRecovery} is missing: the recovery key needs it (it sits beside the ledger, and in every backup).`,
    );
  }
  const keychain = await openKeychain(readOrCreateLedgerId(dataDir));
  if (!keychain.status.available) {
    throw new AppError('KEYCHAIN_UNAVAILABLE', keychain.status.message ?? 'No keychain is available.');
  }
  const purpose = ledgerKeyPurpose(input.environment);
  const current = await keychain.store.get(purpose);
  const currentKey = current ? ledgerKeyFromHex(current) : null;
  if (currentKey && opens(paths.ledger, currentKey)) return 'already-unlocked';

  const key = unwrapLedgerKey(recovery, input.recoveryKey);
  if (!opens(paths.ledger, key)) {
    throw new AppError(
      'LEDGER_KEY_WRONG',
      `The recovery key is right for ${paths.ledgerRecovery}, but that key does not open ${paths.ledger} (the ledger was replaced, or is damaged); nothing was changed.`,
    );
  }
  await keychain.store.set(purpose, key.toString('hex'));
  return 'restored';
}
