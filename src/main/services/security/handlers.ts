/**
 * The contract calls of the Settings' security section: the one-time recovery key, and encrypted
 * backup and restore of the ledger. Paths never come from the window: the host's FilePicker (the
 * main process's dialogs, or the browser host's upload) chooses them, the CLI passes its own.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PlaidEnvironment } from '../../../shared/api';
import type { securityCalls } from '../../../shared/contract/security';
import type { EventName, EventPayload } from '../../../shared/events';
import type { ApiHandlers } from '../core-types';
import type { Ledger } from '../ledger/ledger';
import type { WriterLock } from '../ledger/writer-lock';
import type { Logger } from '../log/logger';
import type { Redactor } from '../plaid/redact';
import { pendingRecoveryKeyPurpose, type SecretStore } from '../secrets/store';
import {
  checkBackup,
  createBackup,
  restoreBackup,
  writeBackup,
  type BackupContents,
  type BackupSummary,
  type RestoreSummary,
} from './backup';
import { AppError } from '../errors';
import { RECOVERY_KEY_NOTICE } from './ledger-access';
import { readRecoveryFile } from './recovery';

/** How a host lets the user choose backup files outside the window. */
export interface FilePicker {
  /** A place to save a backup (the user confirmed replacing an existing file); null when cancelled. */
  saveBackup(suggestedName: string): Promise<string | null>;
  /** A backup to restore; temporary files (uploads) are removed once used. Null when cancelled. */
  openBackup(): Promise<{ file: string; name: string; temporary: boolean } | null>;
}

export interface StagedBackup extends BackupContents {
  restoreId: string;
  name: string;
}

/** Backups by path, for the CLI and the hosts; the window reaches them only through the contract calls. */
export interface BackupFiles {
  /** Writes a backup to a path the user typed; the path rules of backup-target.ts apply. */
  createAt(target: string, overwrite: boolean): BackupSummary;
  /** Checks a backup and restores it (the CLI). */
  restoreFrom(file: string, recoveryKey: string | null): Promise<RestoreSummary>;
  /** A backup in a private file for the browser host to send as a download; dispose() removes it. */
  snapshot(): { file: string; name: string; dispose(): void };
  /** Where uploads wait until `backup.choose` takes them: the environment's private folder. */
  uploadPath(): string;
}

export interface SecurityDeps {
  environment: PlaidEnvironment;
  dataDir: string;
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
  backups: BackupFiles;
  setFilePicker(picker: FilePicker): void;
  close(): void;
}

const NO_PICKER =
  'This window cannot choose files here: in the browser, a backup is a download and a restore an upload.';

function suggestedBackupName(environment: PlaidEnvironment, now = new Date()): string {
  return `coffer-${environment}-${now.toISOString().slice(0, 10)}.cfrbackup`;
}

export async function createSecurityService(deps: SecurityDeps): Promise<SecurityService> {
  const purpose = pendingRecoveryKeyPurpose(deps.environment);
  let pending = deps.keychain ? await deps.keychain.get(purpose) : null;
  deps.redactor.add(pending);

  let picker: FilePicker | null = null;
  let staged: { id: string; file: string; name: string; temporary: boolean } | null = null;
  const dropStaged = () => {
    if (staged?.temporary) fs.rmSync(staged.file, { force: true });
    staged = null;
  };
  const backupInput = () => ({
    ledger: deps.ledger,
    key: deps.key,
    recovery: deps.key ? readRecoveryFile(deps.recoveryFile) : null,
    environment: deps.environment,
    workDir: deps.envDir,
    dataDir: deps.dataDir,
  });
  const logged = (summary: BackupSummary) => {
    deps.log.info('backup created', { bytes: summary.bytes, encrypted: summary.encrypted });
    return summary;
  };
  const restore = async (file: string, recoveryKey: string | null): Promise<RestoreSummary> => {
    deps.redactor.add(recoveryKey);
    await deps.idle();
    const summary = await deps.lock.with(async () =>
      restoreBackup({ ledger: deps.ledger, liveKey: deps.key, workDir: deps.envDir, file, recoveryKey }),
    );
    deps.log.info('backup restored', {
      items: summary.items,
      accounts: summary.accounts,
      transactions: summary.transactions,
    });
    deps.emit('ledger.changed', { reason: 'restore' });
    return summary;
  };

  const backups: BackupFiles = {
    createAt: (target, overwrite) => logged(createBackup({ ...backupInput(), target, overwrite })),
    restoreFrom: (file, recoveryKey) => restore(file, recoveryKey),
    snapshot: () => {
      const file = path.join(deps.envDir, `.download-${randomBytes(8).toString('hex')}.cfrbackup`);
      logged(writeBackup(backupInput(), file));
      return {
        file,
        name: suggestedBackupName(deps.environment),
        dispose: () => fs.rmSync(file, { force: true }),
      };
    },
    uploadPath: () => path.join(deps.envDir, `.upload-${randomBytes(8).toString('hex')}.cfrbackup`),
  };

  return {
    notices: () => (pending ? [RECOVERY_KEY_NOTICE] : []),
    backups,
    setFilePicker: (next) => {
      picker = next;
    },
    close: dropStaged,
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
      'backup.create': async () => {
        if (!picker) throw new AppError('NO_FILE_PICKER', NO_PICKER);
        const target = await picker.saveBackup(suggestedBackupName(deps.environment));
        if (target === null) return { status: 'cancelled' as const };
        const summary = backups.createAt(target, true);
        return {
          status: 'saved' as const,
          name: path.basename(summary.path),
          bytes: summary.bytes,
          createdAt: summary.createdAt,
          encrypted: summary.encrypted,
        };
      },
      'backup.choose': async (req) => {
        if (!picker) throw new AppError('NO_FILE_PICKER', NO_PICKER);
        deps.redactor.add(req.recoveryKey);
        const chosen = await picker.openBackup();
        if (chosen === null) return { status: 'cancelled' as const };
        dropStaged();
        try {
          const contents = checkBackup({
            liveKey: deps.key,
            workDir: deps.envDir,
            file: chosen.file,
            recoveryKey: req.recoveryKey,
          });
          staged = { id: randomBytes(16).toString('hex'), ...chosen };
          return {
            status: 'ready' as const,
            restoreId: staged.id,
            name: chosen.name,
            ...contents,
          };
        } catch (error) {
          if (!chosen.temporary) throw error;
          fs.rmSync(chosen.file, { force: true });
          // An upload's private copy means nothing to the user: name the file they chose.
          if (error instanceof AppError) {
            throw new AppError(error.code, error.message.split(chosen.file).join(chosen.name), error.plaid);
          }
          throw error;
        }
      },
      'backup.restore': async (req) => {
        if (!staged || staged.id !== req.restoreId) {
          throw new AppError(
            'BACKUP_NOT_CHOSEN',
            'Choose the backup to restore again; the earlier choice has expired.',
          );
        }
        const { file, name } = staged;
        try {
          const summary = await restore(file, req.recoveryKey);
          return {
            name,
            createdAt: summary.createdAt,
            schemaVersion: summary.schemaVersion,
            items: summary.items,
            accounts: summary.accounts,
            transactions: summary.transactions,
          };
        } finally {
          dropStaged();
        }
      },
    },
  };
}
