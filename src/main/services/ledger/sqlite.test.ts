import { describe, expect, it } from 'vitest';
import { ELECTRON_SQLITE_BINDING_ENV, electronNativeBinding, openSqlite } from './sqlite';

describe('the SQLite driver build', () => {
  const env = { [ELECTRON_SQLITE_BINDING_ENV]: '/cache/electron-45/better-sqlite3-multiple-ciphers.node' };

  it('under Electron loads the Electron build npm start fetched', () => {
    expect(
      electronNativeBinding(ELECTRON_SQLITE_BINDING_ENV, env, { ...process.versions, electron: '45.4.1' }),
    ).toBe(env[ELECTRON_SQLITE_BINDING_ENV]);
  });

  it('under Node keeps node_modules’ own build even when the variable leaked in', () => {
    expect(electronNativeBinding(ELECTRON_SQLITE_BINDING_ENV, env, process.versions)).toBeUndefined();
    process.env[ELECTRON_SQLITE_BINDING_ENV] = '/nowhere/better_sqlite3.node';
    try {
      const db = openSqlite(':memory:');
      expect(db.prepare('select 1 as one').get()).toEqual({ one: 1 });
      db.close();
    } finally {
      delete process.env[ELECTRON_SQLITE_BINDING_ENV];
    }
  });
});
