/**
 * How the ledger FILE is opened: encrypted with a random 256-bit key passed raw (no KDF: the key
 * is random, so stretching it would only cost ~16 ms per open), checked right after opening.
 *
 * With SQLite3 Multiple Ciphers a wrong key is not an error when it is set: the first read fails
 * with SQLITE_NOTADB. So every open reads sqlite_master at once, and a failed check closes the
 * connection before anything (WAL mode, migrations) could write to the file.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { openSqlite, type SqliteDatabase } from './sqlite';

export const LEDGER_KEY_BYTES = 32;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type LedgerFileKind = 'missing' | 'plain' | 'encrypted';

export function newLedgerKey(): Buffer {
  return randomBytes(LEDGER_KEY_BYTES);
}

export function ledgerKeyFromHex(hex: string): Buffer | null {
  return /^[0-9a-f]{64}$/i.test(hex) ? Buffer.from(hex, 'hex') : null;
}

/** A fingerprint of a key that reveals nothing about it: tells which key a file or backup needs. */
export function ledgerKeyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('coffer ledger key check v1').digest('hex').slice(0, 32);
}

/** The raw-key form of `PRAGMA key`: the hex is the key's bytes, not a passphrase. */
function keyLiteral(key: Buffer): string {
  if (key.length !== LEDGER_KEY_BYTES) throw new RangeError('A ledger key is 32 bytes.');
  return `"x'${key.toString('hex')}'"`;
}

/** What is on disk, from the first 16 bytes: an unencrypted SQLite file starts with its magic string. */
export function ledgerFileKind(file: string): LedgerFileKind {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const head = Buffer.alloc(16);
    const read = fs.readSync(fd, head, 0, 16, 0);
    if (read === 0) return fs.existsSync(`${file}-wal`) ? 'encrypted' : 'missing';
    return read === 16 && head.equals(SQLITE_HEADER) ? 'plain' : 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}

export function isSqliteError(error: unknown, code: string): boolean {
  return error instanceof Error && (error as Error & { code?: unknown }).code === code;
}

export interface OpenLedgerFileOptions {
  readonly?: boolean;
}

/**
 * Opens the ledger file with its key (null: an unencrypted ledger, demo without a keychain) and
 * proves the key right away. Refuses a plain file when a key is given: encryptLedgerFile first.
 */
export function openLedgerFile(
  file: string,
  key: Buffer | null,
  options: OpenLedgerFileOptions = {},
): SqliteDatabase {
  const kind = ledgerFileKind(file);
  if (kind === 'encrypted' && !key) {
    throw new AppError(
      'LEDGER_KEY_MISSING',
      `The ledger ${file} is encrypted and no key was given to open it; nothing was changed.`,
    );
  }
  if (kind === 'plain' && key) {
    throw new AppError('LEDGER_NOT_ENCRYPTED', `The ledger ${file} is not encrypted yet; encrypt it first.`);
  }
  const readonly = options.readonly ?? false;
  const db = openSqlite(file, { readonly, fileMustExist: readonly });
  try {
    if (key) db.pragma(`key = ${keyLiteral(key)}`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    if (isSqliteError(error, 'SQLITE_NOTADB')) {
      throw new AppError(
        'LEDGER_KEY_WRONG',
        `The key does not open the ledger ${file} (a wrong key, or a damaged file); nothing was changed.`,
      );
    }
    throw error;
  }
}

/**
 * Changes the key of an open database. The cipher library refuses to re-key in WAL mode
 * ("Rekeying is not supported in WAL journal mode"), so the journal goes to DELETE and back.
 * The new key may be null (decrypt) and the old state may be unencrypted (encrypt).
 */
export function rekeyDatabase(db: SqliteDatabase, key: Buffer | null): void {
  const mode = db.pragma('journal_mode', { simple: true }) as string;
  if (mode === 'wal') db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = ${key ? keyLiteral(key) : "''"}`);
  if (mode === 'wal') db.pragma('journal_mode = WAL');
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform lets a directory be opened (Windows); the rename is still atomic there.
  }
}

function tableCounts(db: SqliteDatabase): Record<string, number> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const t of tables) {
    counts[t] = db
      .prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`)
      .pluck()
      .get() as number;
  }
  return counts;
}

/**
 * Encrypts a plain ledger in place without ever leaving the user without a good file:
 * fold the WAL into the main file, copy it beside, re-key the copy, check the copy opens with the
 * key and holds the same rows, then rename it over the original (atomic). A crash leaves either
 * the plain original or the encrypted ledger, plus at most a stale `.encrypting` file that the
 * next attempt removes. The caller holds the writer lock.
 */
export function encryptLedgerFile(file: string, key: Buffer): void {
  if (ledgerFileKind(file) !== 'plain') throw new Error(`${file} is not a plain SQLite ledger.`);
  const tmp = `${file}.encrypting`;
  for (const leftover of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`])
    fs.rmSync(leftover, { force: true });

  const source = openSqlite(file);
  let expected: Record<string, number>;
  try {
    // Leaving WAL mode checkpoints and deletes the -wal file; it needs every other connection closed.
    const mode = source.pragma('journal_mode = DELETE', { simple: true }) as string;
    if (mode !== 'delete') {
      throw new AppError(
        'LEDGER_BUSY',
        'Another program has the ledger open, so it cannot be encrypted now; close other Coffer windows and try again.',
      );
    }
    expected = tableCounts(source);
  } catch (error) {
    source.close();
    if (isSqliteError(error, 'SQLITE_BUSY')) {
      throw new AppError(
        'LEDGER_BUSY',
        'Another program has the ledger open, so it cannot be encrypted now; close other Coffer windows and try again.',
      );
    }
    throw error;
  }
  source.close();

  try {
    fs.copyFileSync(file, tmp);
    fs.chmodSync(tmp, 0o600);
    const copy = openSqlite(tmp);
    try {
      rekeyDatabase(copy, key);
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }
    const check = openLedgerFile(tmp, key);
    try {
      const got = tableCounts(check);
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        throw new Error(
          'The encrypted copy of the ledger does not hold the same rows; the original was kept.',
        );
      }
    } finally {
      check.close();
    }
    fsyncFile(tmp);
    for (const side of [`${file}-wal`, `${file}-shm`]) fs.rmSync(side, { force: true });
    fs.renameSync(tmp, file);
    fsyncDir(path.dirname(file));
  } catch (error) {
    for (const leftover of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) {
      fs.rmSync(leftover, { force: true });
    }
    throw error;
  }
}
