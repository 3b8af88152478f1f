/** The Settings' security section: the one-time recovery key, encrypted backup and restore. */
import { z } from 'zod';
import { Empty, IsoDateTime } from './primitives';

const Cancelled = z.object({ status: z.literal('cancelled') });
const RecoveryKeyField = z.string().min(1).max(128).nullable().default(null);
const BackupContents = {
  /** The file's name only: where it lives stays in the main process. */
  name: z.string(),
  createdAt: IsoDateTime,
  items: z.number().int(),
  accounts: z.number().int(),
  transactions: z.number().int(),
};

export const securityCalls = {
  /** The recovery key made at setup, until the user acknowledges it; null afterwards. */
  'security.recoveryKey': {
    req: Empty,
    res: z.object({ ledgerEncrypted: z.boolean(), recoveryKey: z.string().nullable() }),
  },
  'security.acknowledgeRecoveryKey': { req: Empty, res: z.object({ acknowledged: z.boolean() }) },
  /** Writes a backup where the user chooses in the main process's save dialog (the window never sends a path). */
  'backup.create': {
    req: Empty,
    res: z.discriminatedUnion('status', [
      Cancelled,
      z.object({
        status: z.literal('saved'),
        name: z.string(),
        bytes: z.number().int(),
        createdAt: IsoDateTime,
        encrypted: z.boolean(),
      }),
    ]),
  },
  /**
   * Lets the user pick a backup outside the window (the main process's open dialog, or the browser
   * host's upload) and checks it (a Coffer backup, and the key opens it) before anything is asked.
   */
  'backup.choose': {
    req: z.object({ recoveryKey: RecoveryKeyField }).strict(),
    res: z.discriminatedUnion('status', [
      Cancelled,
      z.object({ status: z.literal('ready'), restoreId: z.string(), ...BackupContents }),
    ]),
  },
  /** Replaces the ledger's rows by those of the backup `backup.choose` checked. */
  'backup.restore': {
    req: z.object({ restoreId: z.string().regex(/^[0-9a-f]{32}$/), recoveryKey: RecoveryKeyField }).strict(),
    res: z.object({ ...BackupContents, schemaVersion: z.number().int() }),
  },
} as const;
