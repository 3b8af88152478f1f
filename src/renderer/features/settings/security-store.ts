/**
 * The Settings' security section: whether the ledger is encrypted, whether its recovery key still
 * waits to be written down, and backup/restore. The recovery key itself never enters this store:
 * reveal() hands it to the caller (the open dialog's local state) and keeps nothing.
 */
import { createStore } from 'zustand/vanilla';
import type { CallResponse, CofferApi } from '../../../shared/api';
import { CofferApiError, errorText } from '../../api/errors';

export type BackupResult = CallResponse<'backup.create'>;
export type RestoreResult = CallResponse<'backup.restore'>;

export interface SectionError {
  /** The contract's error code (e.g. BACKUP_EXISTS, RECOVERY_KEY_NEEDED), so the form can react. */
  code: string | null;
  text: string;
}

export interface SecurityState {
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
  lastRestore: RestoreResult | null;
  restoreError: SectionError | null;
  load(): Promise<void>;
  /** The recovery key, for the dialog that shows it; null when there is none to show. */
  reveal(): Promise<string | null>;
  acknowledge(): Promise<boolean>;
  createBackup(path: string, overwrite: boolean): Promise<boolean>;
  restore(path: string, recoveryKey: string | null): Promise<boolean>;
}

export interface SecurityDeps {
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
    loaded: false,
    ledgerEncrypted: false,
    keyPending: false,
    keyBusy: false,
    keyError: null,
    creating: false,
    lastBackup: null,
    backupError: null,
    restoring: false,
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

    async createBackup(path, overwrite) {
      if (get().creating || get().restoring) return false;
      set({ creating: true, backupError: null });
      try {
        set({ lastBackup: await api['backup.create']({ path, overwrite }) });
        return true;
      } catch (error) {
        set({ backupError: sectionError(error) });
        return false;
      } finally {
        set({ creating: false });
      }
    },

    async restore(path, recoveryKey) {
      if (get().creating || get().restoring) return false;
      set({ restoring: true, restoreError: null, lastRestore: null });
      try {
        set({ lastRestore: await api['backup.restore']({ path, recoveryKey }) });
        deps.ledgerChanged();
        deps.infoChanged();
        return true;
      } catch (error) {
        set({ restoreError: sectionError(error) });
        return false;
      } finally {
        set({ restoring: false });
      }
    },
  }));
}
export type SecurityStore = ReturnType<typeof createSecurityStore>;
