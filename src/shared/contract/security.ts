/** The Settings' security section: the one-time recovery key, encrypted backup and restore. */
import { z } from 'zod';
import { Empty, IsoDateTime } from './primitives';

/** A file the user chose (a save/open dialog, or typed): absolute (POSIX, drive letter or UNC), no NUL. */
export const UserFilePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'expected an absolute path');

export const securityCalls = {
  /** The recovery key made at setup, until the user acknowledges it; null afterwards. */
  'security.recoveryKey': {
    req: Empty,
    res: z.object({ ledgerEncrypted: z.boolean(), recoveryKey: z.string().nullable() }),
  },
  'security.acknowledgeRecoveryKey': { req: Empty, res: z.object({ acknowledged: z.boolean() }) },
  'backup.create': {
    req: z.object({ path: UserFilePath, overwrite: z.boolean().default(false) }).strict(),
    res: z.object({
      path: z.string(),
      bytes: z.number().int(),
      createdAt: IsoDateTime,
      encrypted: z.boolean(),
    }),
  },
  /** Replaces the ledger's rows by the backup's; recoveryKey is needed for a backup of another ledger. */
  'backup.restore': {
    req: z
      .object({ path: UserFilePath, recoveryKey: z.string().min(1).max(128).nullable().default(null) })
      .strict(),
    res: z.object({
      path: z.string(),
      createdAt: IsoDateTime,
      schemaVersion: z.number().int(),
      items: z.number().int(),
      accounts: z.number().int(),
      transactions: z.number().int(),
    }),
  },
} as const;
