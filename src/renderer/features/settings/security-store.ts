/**
 * The Settings' security section: whether the ledger is encrypted, whether its recovery key still
 * waits to be written down, and backup/restore. The recovery key itself never enters this store:
 * reveal() hands it to the caller (the open dialog's local state) and keeps nothing.
 */
import { createStore } from 'zustand/vanilla';
import type { CallResponse, CofferApi } from '../../../shared/api';
import type { BackupFileTransfer } from '../../api/backup-files';
import { CofferApiError, errorText } from '../../api/errors';

/** A backup written (Electron: where the user chose; browser: downloaded under this name). */
export type BackupResult =
  Extract<CallResponse<'backup.create'>, { status: 'saved' }> | { status: 'downloaded'; name: string };
export type RestoreResult = CallResponse<'backup.restore'>;
/** A backup the host checked (a Coffer backup the key opens), waiting for the user to confirm. */
export type ChosenBackup = Extract<CallResponse<'backup.choose'>, { status: 'ready' }>;

export interface SectionError {
  /** The contract's error code (e.g. BACKUP_EXISTS, RECOVERY_KEY_NEEDED), so the form can react. */
  code: string | null;
  text: string;
}

export interface SecurityState {
  /** The browser host: backups are downloads and uploads (Electron's main process has dialogs). */
  inBrowser: boolean;
  loaded: boolean;
  ledgerEncrypted: boolean;
  /** Coffer still keeps the recovery key made at setup: the user has not said it is saved. */
  keyPending: boolean;
  keyBusy: boolean;
  keyError: string | null;
  creating: boolean;
  lastBackup: BackupResult | null;
  backupError: SectionError | null;
  restoring: boolean;
  /** Checked and waiting for the user's confirmation; cleared by a restore, a cancel or a new choice. */
  chosen: ChosenBackup | null;
  lastRestore: RestoreResult | null;
  restoreError: SectionError | null;
  load(): Promise<void>;
  /** The recovery key, for the dialog that shows it; null when there is none to show. */
  reveal(): Promise<string | null>;
  acknowledge(): Promise<boolean>;
  /** Electron: the main process asks where; browser: a download. */
  createBackup(): Promise<boolean>;
  /** Electron: the main process's open dialog (file is null); browser: the file the user picked. */
  chooseBackup(file: File | null, recoveryKey: string | null): Promise<boolean>;
  cancelRestore(): void;
  restore(recoveryKey: string | null): Promise<boolean>;
}

export interface SecurityDeps {
  backupFiles: BackupFileTransfer | null;
  /** app.info's notices depend on the pending key: reload them after acknowledging. */
  infoChanged(): void;
  /** A restore replaced the ledger's rows: every list reloads. */
  ledgerChanged(): void;
}

function sectionError(error: unknown): SectionError {
  return { code: error instanceof CofferApiError ? error.code : null, text: errorText(error) };
}

export function createSecurityStore(api: CofferApi, deps: SecurityDeps) {
  return createStore<SecurityState>()((set, get) => ({
    inBrowser: deps.backupFiles !== null,
    loaded: false,
    ledgerEncrypted: false,
    keyPending: false,
    keyBusy: false,
    keyError: null,
    creating: false,
    lastBackup: null,
    backupError: null,
    restoring: false,
    chosen: null,
    lastRestore: null,
    restoreError: null,

    async load() {
      try {
        // The only call that tells whether the key is pending answers with the key: keep the fact, drop the key.
        const { ledgerEncrypted, recoveryKey } = await api['security.recoveryKey']({});
        set({ loaded: true, ledgerEncrypted, keyPending: recoveryKey !== null, keyError: null });
      } catch (error) {
        set({ loaded: true, keyError: errorText(error) });
      }
    },

    async reveal() {
      if (get().keyBusy) return null;
      set({ keyBusy: true, keyError: null });
      try {
        const { ledgerEncrypted, recoveryKey } = await api['security.recoveryKey']({});
        set({ ledgerEncrypted, keyPending: recoveryKey !== null });
        if (recoveryKey === null) {
          set({
            keyError: ledgerEncrypted
              ? 'The recovery key was already saved; Coffer does not keep it any more.'
              : 'This ledger is not encrypted, so it has no recovery key.',
          });
        }
        return recoveryKey;
      } catch (error) {
        set({ keyError: errorText(error) });
        return null;
      } finally {
        set({ keyBusy: false });
      }
    },

    async acknowledge() {
      if (get().keyBusy) return false;
      set({ keyBusy: true, keyError: null });
      try {
        await api['security.acknowledgeRecoveryKey']({});
        // Whether or not a key was still waiting, none is now.
        set({ keyPending: false });
        deps.infoChanged();
        return true;
      } catch (error) {
        set({ keyError: errorText(error) });
        return false;
      } finally {
        set({ keyBusy: false });
      }
    },

    async createBackup() {
      if (get().creating || get().restoring) return false;
      set({ creating: true, backupError: null, lastBackup: null });
      try {
        if (deps.backupFiles) {
          set({ lastBackup: { status: 'downloaded', name: await deps.backupFiles.download() } });
        } else {
          const result = await api['backup.create']({});
          if (result.status === 'saved') set({ lastBackup: result });
        }
        return true;
      } catch (error) {
        set({ backupError: sectionError(error) });
        return false;
      } finally {
        set({ creating: false });
      }
    },

    async chooseBackup(file, recoveryKey) {
      if (get().creating || get().restoring) return false;
      set({ restoring: true, restoreError: null, lastRestore: null, chosen: null });
      try {
        if (deps.backupFiles) {
          if (!file) return false;
          await deps.backupFiles.upload(file);
        }
        const result = await api['backup.choose']({ recoveryKey });
        if (result.status === 'ready') set({ chosen: result });
        return result.status === 'ready';
      } catch (error) {
        set({ restoreError: sectionError(error) });
        return false;
      } finally {
        set({ restoring: false });
      }
    },

    cancelRestore() {
      set({ chosen: null });
    },

    async restore(recoveryKey) {
      const chosen = get().chosen;
      if (!chosen || get().creating || get().restoring) return false;
      set({ restoring: true, restoreError: null, lastRestore: null });
      try {
        set({ lastRestore: await api['backup.restore']({ restoreId: chosen.restoreId, recoveryKey }) });
        deps.ledgerChanged();
        deps.infoChanged();
        return true;
      } catch (error) {
        set({ restoreError: sectionError(error) });
        return false;
      } finally {
        set({ restoring: false, chosen: null });
      }
    },
  }));
}
export type SecurityStore = ReturnType<typeof createSecurityStore>;
