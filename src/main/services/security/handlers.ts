/**
 * The contract calls of the Settings' security section: the one-time recovery key, and encrypted
 * backup and restore of the ledger to and from a file the user chose.
 */
import type { PlaidEnvironment } from '../../../shared/api';
import type { securityCalls } from '../../../shared/contract/security';
import type { EventName, EventPayload } from '../../../shared/events';
import type { ApiHandlers } from '../core-types';
import type { Ledger } from '../ledger/ledger';
import type { WriterLock } from '../ledger/writer-lock';
import type { Logger } from '../log/logger';
import type { Redactor } from '../plaid/redact';
import { pendingRecoveryKeyPurpose, type SecretStore } from '../secrets/store';
import { createBackup, restoreBackup } from './backup';
import { RECOVERY_KEY_NOTICE } from './ledger-access';
import { readRecoveryFile } from './recovery';

export interface SecurityDeps {
  environment: PlaidEnvironment;
  envDir: string;
  recoveryFile: string;
  ledger: Ledger;
  key: Buffer | null;
  /** The keychain, or null (demo without one). */
  keychain: SecretStore | null;
  lock: WriterLock;
  log: Logger;
  redactor: Redactor;
  /** Resolves when no sync is writing (a restore must not interleave with a sync's pages). */
  idle(): Promise<void>;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
}

type SecurityCalls = keyof typeof securityCalls;

export interface SecurityService {
  handlers: Pick<ApiHandlers, SecurityCalls>;
  /** Notices to show while they hold (the recovery key waiting to be written down). */
  notices(): string[];
}

export async function createSecurityService(deps: SecurityDeps): Promise<SecurityService> {
  const purpose = pendingRecoveryKeyPurpose(deps.environment);
  let pending = deps.keychain ? await deps.keychain.get(purpose) : null;
  deps.redactor.add(pending);

  return {
    notices: () => (pending ? [RECOVERY_KEY_NOTICE] : []),
    handlers: {
      'security.recoveryKey': async () => {
        if (deps.keychain) pending = await deps.keychain.get(purpose);
        deps.redactor.add(pending);
        return { ledgerEncrypted: deps.key !== null, recoveryKey: pending };
      },
      'security.acknowledgeRecoveryKey': async () => {
        const had = pending !== null;
        if (deps.keychain) await deps.keychain.delete(purpose);
        pending = null;
        if (had) deps.log.info('recovery key acknowledged', { environment: deps.environment });
        return { acknowledged: had };
      },
      'backup.create': async (req) => {
        const summary = createBackup({
          ledger: deps.ledger,
          key: deps.key,
          recovery: deps.key ? readRecoveryFile(deps.recoveryFile) : null,
          environment: deps.environment,
          workDir: deps.envDir,
          target: req.path,
          overwrite: req.overwrite,
        });
        deps.log.info('backup created', { bytes: summary.bytes, encrypted: summary.encrypted });
        return summary;
      },
      'backup.restore': async (req) => {
        deps.redactor.add(req.recoveryKey);
        await deps.idle();
        const summary = await deps.lock.with(async () =>
          restoreBackup({
            ledger: deps.ledger,
            liveKey: deps.key,
            workDir: deps.envDir,
            file: req.path,
            recoveryKey: req.recoveryKey,
          }),
        );
        deps.log.info('backup restored', {
          items: summary.items,
          accounts: summary.accounts,
          transactions: summary.transactions,
        });
        deps.emit('ledger.changed', { reason: 'restore' });
        return summary;
      },
    },
  };
}
