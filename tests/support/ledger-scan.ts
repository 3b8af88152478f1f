/** Reads every row of every table of a ledger through SQLite, for a value that must not be there. */
import type { SqliteDatabase } from '../../src/main/services/ledger/sqlite';

/** `table.column` for each cell holding `needle` (text, or bytes read as Latin-1). */
export function cellsContaining(db: SqliteDatabase, needle: string): string[] {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all() as string[];
  const found: string[] = [];
  for (const table of tables) {
    const stmt = db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`);
    const columns = stmt.columns().map((c) => c.name);
    for (const row of stmt.raw().iterate() as Iterable<unknown[]>)
      row.forEach((cell, i) => {
        const text = Buffer.isBuffer(cell) ? cell.toString('latin1') : String(cell);
        if (text.includes(needle)) found.push(`${table}.${columns[i]}`);
      });
  }
  return [...new Set(found)];
}

/** How many tables were read: a scan of none proves nothing. */
export function tableCount(db: SqliteDatabase): number {
  return db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table'`).pluck().get() as number;
}
