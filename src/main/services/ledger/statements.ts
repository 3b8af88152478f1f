/**
 * Prepared statements cached per connection: preparing costs tens of microseconds, and the sync's
 * apply step and the list queries run the same few statements thousands of times.
 */
import type Database from 'better-sqlite3';

export type Db = Database.Database;
export type Statement = Database.Statement;

const caches = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}

export const nowIso = () => new Date().toISOString();
