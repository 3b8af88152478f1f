/** How backups and exports reach files: the host's dialogs or upload for the window, paths for the CLI. */
import type { BackupSummary, RestoreSummary } from './backup';

export interface FilePicker {
  /** A place to save a backup (the user confirmed replacing an existing file); null when cancelled. */
  saveBackup(suggestedName: string): Promise<string | null>;
  /** A place to save an export (`extension` without its dot); null when cancelled. */
  saveExport(suggestedName: string, extension: string): Promise<string | null>;
  /** A backup to restore; temporary files (uploads) are removed once used. Null when cancelled. */
  openBackup(): Promise<{ file: string; name: string; temporary: boolean } | null>;
  /** A place to save an Asset Report PDF (replacing confirmed by the user); absent where PDFs are downloads. */
  savePdf?(suggestedName: string): Promise<string | null>;
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
