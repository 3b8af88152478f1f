/**
 * A kept value is reused only while the ledger is what it was read from: a write on this
 * connection or a commit on another one makes the next read compute again, while a connection's
 * writes to its own temp tables (a search's scratch tables) make nothing stale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from './ledger';
import { ledgerMemo, writingTempOnly } from './ledger-memo';

let dir: string;
let file: string;
let ledger: Ledger;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-memo-'));
  file = path.join(dir, 'ledger.sqlite');
  ledger = openLedger(file);
  ledger.db.exec('CREATE TABLE memo_probe (n INTEGER)');
});
afterEach(() => {
  ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ledgerMemo', () => {
  it('reuses a value until this connection or another one writes', () => {
    const memo = ledgerMemo<number>();
    let computed = 0;
    const count = () =>
      memo.get(ledger.db, 'count', () => {
        computed += 1;
        return ledger.db.prepare('SELECT count(*) FROM memo_probe').pluck().get() as number;
      });
    expect(count()).toBe(0);
    expect(count()).toBe(0);
    expect(computed).toBe(1);

    ledger.db.prepare('INSERT INTO memo_probe VALUES (1)').run();
    expect(count()).toBe(1);
    expect(computed).toBe(2);

    const other = openLedger(file);
    try {
      other.db.prepare('INSERT INTO memo_probe VALUES (2)').run();
    } finally {
      other.close();
    }
    expect(count()).toBe(2);
    expect(computed).toBe(3);
  });

  it('keeps its values across writes to the temp tables made through writingTempOnly, and only those', () => {
    const memo = ledgerMemo<number>();
    let computed = 0;
    const read = () => memo.get(ledger.db, 'k', () => ++computed);
    read();
    ledger.db.exec('CREATE TEMP TABLE scratch (n INTEGER)');
    writingTempOnly(ledger.db, () => ledger.db.prepare('INSERT INTO temp.scratch VALUES (1), (2)').run());
    expect(read()).toBe(1);
    ledger.db.prepare('INSERT INTO temp.scratch VALUES (3)').run();
    expect(read()).toBe(2);
  });

  it('keeps nothing computed inside a transaction', () => {
    const memo = ledgerMemo<number>();
    let computed = 0;
    const read = () => memo.get(ledger.db, 'k', () => ++computed);
    ledger.db.transaction(() => read())();
    expect(read()).toBe(2);
    expect(read()).toBe(2);
  });
});
