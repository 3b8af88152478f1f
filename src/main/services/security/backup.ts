/**
 * Encrypted backups of the ledger. A backup is one file:
 *
 *   "CFRBKP01" | u32 big-endian manifest length | manifest JSON | encrypted SQLite database
 *
 * The database is a consistent snapshot made with `VACUUM INTO`, which writes it encrypted with the
 * ledger's own key (better-sqlite3's online backup() opens its target without a key and the cipher
 * library refuses it: "backup is not supported with incompatible source and target databases").
 * The manifest carries the ledger key wrapped by the recovery key, so the backup restores on
 * another machine with the recovery key alone. Bank access tokens are not in it: they stay in the
 * keychain of the machine that linked them, so restored Items ask to be relinked elsewhere.
 *
 * Restore copies the backup's rows into the open ledger inside one write transaction instead of
 * swapping files: other processes (a scheduled `coffer sync`) may hold the ledger open, and a
 * renamed file would leave them writing to the old one.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PlaidEnvironment } from '../../../shared/api';
import { AppError } from '../errors';
import { openLedger, type Ledger } from '../ledger/ledger';
import { ledgerKeyCheck } from '../ledger/ledger-file';
import type { SqliteDatabase } from '../ledger/sqlite';
import { BACKUP_MAGIC as MAGIC, checkAbsolutePath, checkBackupTarget } from './backup-target';
import { RecoveryFile, unwrapLedgerKey } from './recovery';

const HEADER_BYTES = MAGIC.length + 4;
const MAX_MANIFEST_BYTES = 64 * 1024;
/** Far above any personal ledger; a bigger file is not a Coffer backup. */
export const MAX_BACKUP_BYTES = 4 * 1024 * 1024 * 1024;

export const BackupManifest = z
  .object({
    format: z.literal('coffer-ledger-backup'),
    version: z.literal(1),
    createdAt: z.string().max(64),
    environment: PlaidEnvironment,
    schemaVersion: z.number().int().nonnegative(),
    encrypted: z.boolean(),
    keyCheck: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .nullable(),
    recovery: RecoveryFile.nullable(),
    dbBytes: z.number().int().positive(),
    dbSha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type BackupManifest = z.infer<typeof BackupManifest>;

export interface BackupSummary {
  path: string;
  bytes: number;
  createdAt: string;
  encrypted: boolean;
}

export interface RestoreSummary {
  path: string;
  createdAt: string;
  schemaVersion: number;
  items: number;
  accounts: number;
  transactions: number;
}

function fail(code: string, message: string): never {
  throw new AppError(code, message);
}

export interface CreateBackupInput {
  ledger: Ledger;
  key: Buffer | null;
  recovery: RecoveryFile | null;
  environment: PlaidEnvironment;
  /** A private folder on the ledger's disk for the snapshot (the environment's folder). */
  workDir: string;
  /** The data dir, where no backup may go. */
  dataDir: string;
  target: string;
  overwrite: boolean;
}

/** Writes a backup where the user asked, if the path rules allow it (backup-target.ts). */
export function createBackup(input: CreateBackupInput): BackupSummary {
  return writeBackup(input, checkBackupTarget(input.target, input.overwrite, input.dataDir));
}

/**
 * Writes a backup to `target` through a temporary file beside it, renamed into place. The caller
 * has checked `target` (or chose it inside the app's own folder, for a download).
 */
export function writeBackup(
  input: Omit<CreateBackupInput, 'target' | 'overwrite'>,
  target: string,
): BackupSummary {
  const snapshot = path.join(input.workDir, `.backup-${randomBytes(8).toString('hex')}.sqlite`);
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  try {
    input.ledger.db.prepare('VACUUM INTO ?').run(snapshot);
    const db = fs.readFileSync(snapshot);
    const createdAt = new Date().toISOString();
    const manifest: BackupManifest = {
      format: 'coffer-ledger-backup',
      version: 1,
      createdAt,
      environment: input.environment,
      schemaVersion: input.ledger.schemaVersion(),
      encrypted: input.key !== null,
      keyCheck: input.key ? ledgerKeyCheck(input.key) : null,
      recovery: input.key ? input.recovery : null,
      dbBytes: db.length,
      dbSha256: createHash('sha256').update(db).digest('hex'),
    };
    const json = Buffer.from(JSON.stringify(manifest), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    try {
      fs.writeFileSync(partial, Buffer.concat([MAGIC, length, json, db]), { mode: 0o600 });
      fs.renameSync(partial, target);
    } catch (error) {
      throw new AppError(
        'BACKUP_WRITE_FAILED',
        `Coffer could not write the backup to ${target}: ${writeFailure(error)}. Choose another folder.`,
      );
    }
    return {
      path: target,
      bytes: HEADER_BYTES + json.length + db.length,
      createdAt,
      encrypted: manifest.encrypted,
    };
  } finally {
    fs.rmSync(snapshot, { force: true });
    fs.rmSync(partial, { force: true });
  }
}

function writeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'it may not write in that folder';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'that folder cannot hold files';
  return 'the system refused';
}

const notBackup = (file: string, why: string) =>
  new AppError('BACKUP_INVALID', `${file} is not a Coffer backup (${why}).`);

/** Reads and checks a backup file: header, manifest, size and the database's checksum. */
export function readBackup(file: string): { manifest: BackupManifest; db: Buffer } {
  checkAbsolutePath(file);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) fail('BACKUP_NOT_FOUND', `There is no file at ${file}.`);
  if (!stat.isFile()) throw notBackup(file, 'not a file');
  if (stat.size > MAX_BACKUP_BYTES) throw notBackup(file, 'too large');
  if (stat.size < HEADER_BYTES) throw notBackup(file, 'too small');
  const bytes = fs.readFileSync(file);
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw notBackup(file, 'no backup header');
  const manifestLength = bytes.readUInt32BE(MAGIC.length);
  if (manifestLength > MAX_MANIFEST_BYTES || HEADER_BYTES + manifestLength > bytes.length) {
    throw notBackup(file, 'damaged header');
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.subarray(HEADER_BYTES, HEADER_BYTES + manifestLength).toString('utf8'));
  } catch {
    throw notBackup(file, 'damaged manifest');
  }
  const parsed = BackupManifest.safeParse(json);
  if (!parsed.success) throw notBackup(file, 'unknown manifest');
  const db = bytes.subarray(HEADER_BYTES + manifestLength);
  if (db.length !== parsed.data.dbBytes) throw notBackup(file, 'truncated');
  if (createHash('sha256').update(db).digest('hex') !== parsed.data.dbSha256) {
    throw notBackup(file, 'its checksum does not match: damaged');
  }
  return { manifest: parsed.data, db };
}

/** The key that opens the backup: the live ledger's own, or the one its recovery key unwraps. */
function backupKey(
  manifest: BackupManifest,
  liveKey: Buffer | null,
  recoveryKey: string | null,
): Buffer | null {
  if (!manifest.encrypted) return null;
  if (liveKey && manifest.keyCheck === ledgerKeyCheck(liveKey)) return liveKey;
  if (!recoveryKey) {
    fail(
      'RECOVERY_KEY_NEEDED',
      'This backup was made by another ledger (another machine, or before a reset): give the recovery key of that ledger.',
    );
  }
  if (!manifest.recovery)
    fail('BACKUP_INVALID', 'This backup carries no recovery data, so only its own ledger can open it.');
  return unwrapLedgerKey(manifest.recovery, recoveryKey);
}

export interface CheckBackupInput {
  liveKey: Buffer | null;
  workDir: string;
  file: string;
  recoveryKey: string | null;
}

/** What a backup holds, known once it has been checked to open. */
export interface BackupContents {
  createdAt: string;
  items: number;
  accounts: number;
  transactions: number;
}

/**
 * Opens a backup's database in a private copy (migrating an older one), checks it, and hands it to
 * `use` before the copy is removed: so a restore is never asked for, or run, on a file that would fail.
 */
function withCheckedBackup<T>(
  input: CheckBackupInput,
  use: (copy: string, key: Buffer | null, contents: BackupContents) => T,
): T {
  const { manifest, db } = readBackup(input.file);
  const key = backupKey(manifest, input.liveKey, input.recoveryKey);
  const copy = path.join(input.workDir, `.restore-${randomBytes(8).toString('hex')}.sqlite`);
  const leftovers = [copy, `${copy}-wal`, `${copy}-shm`, `${copy}-journal`];
  try {
    fs.writeFileSync(copy, db, { mode: 0o600 });
    // Opening migrates an older backup to this Coffer's schema (and refuses a newer one).
    const source = openLedger(copy, { key });
    let contents: BackupContents;
    try {
      const check = source.db.pragma('quick_check', { simple: true });
      if (check !== 'ok') fail('BACKUP_INVALID', `${input.file} holds a damaged ledger (${String(check)}).`);
      contents = { createdAt: manifest.createdAt, ...rowCounts(source.db) };
    } finally {
      source.close();
    }
    return use(copy, key, contents);
  } finally {
    for (const file of leftovers) fs.rmSync(file, { force: true });
  }
}

function rowCounts(db: SqliteDatabase): { items: number; accounts: number; transactions: number } {
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { items: count('items'), accounts: count('accounts'), transactions: count('transactions') };
}

/** Checks that a backup exists, is a Coffer backup, and that the key opens it; changes nothing. */
export function checkBackup(input: CheckBackupInput): BackupContents {
  return withCheckedBackup(input, (_copy, _key, contents) => contents);
}

export interface RestoreBackupInput extends CheckBackupInput {
  ledger: Ledger;
}

export function restoreBackup(input: RestoreBackupInput): RestoreSummary {
  const createdAt = withCheckedBackup(input, (copy, key, contents) => {
    copyLedgerInto(input.ledger.db, copy, key);
    return contents.createdAt;
  });
  return {
    path: input.file,
    createdAt,
    schemaVersion: input.ledger.schemaVersion(),
    ...rowCounts(input.ledger.db),
  };
}

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface TableListRow {
  name: string;
  type: string;
}

/** The columns a row is written with (generated and hidden ones left out), quoted. */
export function columnsOf(db: SqliteDatabase, schema: string, table: string): string[] {
  const rows = db.prepare(`PRAGMA ${schema}.table_xinfo(${quote(table)})`).all() as {
    name: string;
    hidden: number;
  }[];
  return rows.filter((r) => r.hidden === 0).map((r) => quote(r.name));
}

/**
 * Replaces every row of the open ledger by the rows of `sourceFile` (same schema, same or given
 * key) in one transaction. Triggers are dropped for the copy and recreated, so they neither fire
 * twice nor on half-copied data; full-text tables with external content are rebuilt from it.
 */
export function copyLedgerInto(db: SqliteDatabase, sourceFile: string, key: Buffer | null): void {
  const schema = 'restore_source';
  db.prepare(`ATTACH DATABASE ? AS ${schema} KEY ?`).run(sourceFile, key ? `x'${key.toString('hex')}'` : '');
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      const listed = db.prepare('PRAGMA main.table_list').all() as TableListRow[];
      const sourceTables = new Set(
        (db.prepare(`PRAGMA ${schema}.table_list`).all() as TableListRow[]).map((t) => t.name),
      );
      const triggers = db
        .prepare(`SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL`)
        .all() as { name: string; sql: string }[];
      for (const t of triggers) db.exec(`DROP TRIGGER main.${quote(t.name)}`);

      for (const table of listed.filter((t) => t.type === 'table' && !t.name.startsWith('sqlite_'))) {
        db.exec(`DELETE FROM main.${quote(table.name)}`);
        if (!sourceTables.has(table.name)) continue;
        const cols = columnsOf(db, 'main', table.name).join(', ');
        db.exec(
          `INSERT INTO main.${quote(table.name)} (${cols}) SELECT ${cols} FROM ${schema}.${quote(table.name)}`,
        );
      }
      if (sourceTables.has('sqlite_sequence') && listed.some((t) => t.name === 'sqlite_sequence')) {
        db.exec(`DELETE FROM main.sqlite_sequence`);
        db.exec(`INSERT INTO main.sqlite_sequence SELECT * FROM ${schema}.sqlite_sequence`);
      }
      for (const table of listed.filter((t) => t.type === 'virtual')) {
        const sql =
          (db.prepare(`SELECT sql FROM main.sqlite_master WHERE name = ?`).pluck().get(table.name) as
            string | undefined) ?? '';
        const name = quote(table.name);
        if (/\bcontent\s*=\s*['"]?[A-Za-z_]/i.test(sql)) {
          db.exec(`INSERT INTO main.${name}(${name}) VALUES ('rebuild')`);
        } else if (sourceTables.has(table.name)) {
          const cols = ['rowid', ...columnsOf(db, 'main', table.name)].join(', ');
          db.exec(`DELETE FROM main.${name}`);
          db.exec(`INSERT INTO main.${name} (${cols}) SELECT ${cols} FROM ${schema}.${name}`);
        }
      }
      for (const t of triggers) db.exec(t.sql);
      const broken = db.pragma('main.foreign_key_check') as unknown[];
      if (broken.length > 0) {
        throw new AppError(
          'BACKUP_INVALID',
          `The backup's rows break ${broken.length} reference(s); nothing was restored.`,
        );
      }
    }).immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    db.exec(`DETACH DATABASE ${schema}`);
  }
}
