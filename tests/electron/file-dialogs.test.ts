/**
 * Issue 19: in Electron, backup, restore and export paths come from the main process's native
 * dialogs; the window only asks. Run with a mocked `electron` and the real security service over a real
 * (unencrypted, demo) ledger, so the dialog's answer is where the backup really lands.
 */
import fs from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { calls, type Envelope } from '../../src/shared/api';
import { startElectronApp } from '../../src/main/electron/app';
import { envPaths } from '../../src/main/services/paths';
import { securityCore, type SecurityCore } from '../support/security-core';
import type * as FakeElectron from './fake-electron';
import { frame, type FakeWebContents } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { fake } = (await import('electron')) as unknown as typeof FakeElectron;

const outDir = mkdtempSync(path.join(tmpdir(), 'coffer-out-'));
mkdirSync(path.join(outDir, 'main'));
mkdirSync(path.join(outDir, 'renderer', 'link'), { recursive: true });
writeFileSync(path.join(outDir, 'renderer', 'index.html'), '<!doctype html><title>Coffer</title>');
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

let dataDir: string;
let elsewhere: string;
let fixture: SecurityCore;

beforeEach(async () => {
  fixture = await securityCore();
  dataDir = fixture.dataDir;
  elsewhere = mkdtempSync(path.join(tmpdir(), 'coffer-dialog-out-'));
});

afterEach(() => {
  fixture.dispose();
  rmSync(elsewhere, { recursive: true, force: true });
});

async function startApp() {
  fake.reset();
  startElectronApp({
    openCore: async () => fixture.core,
    defaultDataDir: () => dataDir,
    env: { PLAID_ENV: 'demo' },
    mainDir: path.join(outDir, 'main'),
  });
  fake.app.becomeReady();
  await vi.waitFor(() => expect(fake.windows.length).toBeGreaterThan(0));
  const main = fake.windows[0];
  await main.loadURL('app://coffer/index.html');
  const call = (name: string, payload: unknown) => {
    const handler = fake.ipcHandlers.get(name) as
      ((event: unknown, payload: unknown) => Promise<Envelope<unknown>>) | undefined;
    if (!handler) throw new Error(`no IPC handler for ${name}`);
    const sender: FakeWebContents = main.webContents;
    return handler({ sender, senderFrame: frame('app://coffer/index.html') }, payload);
  };
  return { main, call };
}

describe('no contract call carries a path from the window', () => {
  it('no request schema has a field for a path, file or folder', () => {
    const pathLike = /path|file|dir|folder|out|target|dest/i;
    const offenders: string[] = [];
    for (const [name, spec] of Object.entries(calls)) {
      const schema = spec.req as z.ZodType;
      const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
      for (const key of shape) if (pathLike.test(key)) offenders.push(`${name}.${key}`);
    }
    expect(offenders).toEqual([]);
  });

  it('a path sent anyway is refused before any dialog or file is touched', async () => {
    const { call } = await startApp();
    const reply = await call('backup.create', { path: '/etc/passwd', overwrite: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const exported = await call('exports.write', {
      kind: 'transactions',
      path: '/etc/passwd',
      overwrite: true,
    });
    expect(exported).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(fake.fileDialogs).toEqual([]);
  });
});

describe('backup and restore through the main process dialogs', () => {
  it('backup.create asks the save dialog, parented to the main window, and writes where it answered', async () => {
    const { main, call } = await startApp();
    const target = path.join(elsewhere, 'mine.cfrbackup');
    fake.nextDialogPath = target;
    const reply = await call('backup.create', {});
    expect(reply).toMatchObject({ ok: true, result: { status: 'saved', name: 'mine.cfrbackup' } });
    expect(fake.fileDialogs).toHaveLength(1);
    expect(fake.fileDialogs[0]).toMatchObject({ kind: 'save', parent: main });
    expect(fake.fileDialogs[0].options.defaultPath).toMatch(/^coffer-demo-\d{4}-\d{2}-\d{2}\.cfrbackup$/);
    expect(fs.readFileSync(target).subarray(0, 8).toString()).toBe('CFRBKP01');
  });

  it('a cancelled dialog writes nothing', async () => {
    const { call } = await startApp();
    fake.nextDialogPath = null;
    expect(await call('backup.create', {})).toEqual({ ok: true, result: { status: 'cancelled' } });
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('the dialog cannot aim a backup at the ledger', async () => {
    const { call } = await startApp();
    const ledgerFile = envPaths(dataDir, 'demo').ledger;
    const before = fs.readFileSync(ledgerFile);
    fake.nextDialogPath = ledgerFile;
    const reply = await call('backup.create', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'PATH_IN_DATA_DIR' } });
    expect(fs.readFileSync(ledgerFile).equals(before)).toBe(true);
  });

  it('backup.choose asks the open dialog and checks the file before a restore can be confirmed', async () => {
    const { call } = await startApp();
    const good = path.join(elsewhere, 'good.cfrbackup');
    fake.nextDialogPath = good;
    await call('backup.create', {});

    fake.nextDialogPath = path.join(elsewhere, 'missing.cfrbackup');
    expect(await call('backup.choose', {})).toMatchObject({ ok: false, error: { code: 'BACKUP_NOT_FOUND' } });
    fs.writeFileSync(path.join(elsewhere, 'photo.jpg'), Buffer.alloc(2048, 1));
    fake.nextDialogPath = path.join(elsewhere, 'photo.jpg');
    expect(await call('backup.choose', {})).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });

    fake.nextDialogPath = good;
    const chosen = await call('backup.choose', {});
    expect(chosen).toMatchObject({ ok: true, result: { status: 'ready', name: 'good.cfrbackup', items: 0 } });
    expect(fake.fileDialogs.filter((d) => d.kind === 'open')).toHaveLength(3);
    const restoreId = (chosen as { result: { restoreId: string } }).result.restoreId;

    expect(await call('backup.restore', { restoreId: 'a'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_NOT_CHOSEN' },
    });
    expect(await call('backup.restore', { restoreId })).toMatchObject({
      ok: true,
      result: { name: 'good.cfrbackup', items: 0 },
    });
  });
});

describe('exports through the main process save dialog', () => {
  function addTransaction() {
    const db = fixture.ledger.db;
    db.prepare(
      `INSERT INTO items (item_id, institution_id, institution_name, created_at) VALUES ('item-1', 'ins_1', 'Bank', '2024-01-01')`,
    ).run();
    db.prepare(
      `INSERT INTO accounts (account_id, item_id, name, type, currency, current_minor, updated_at)
       VALUES ('acc-1', 'item-1', 'Checking', 'depository', 'USD', 100, '2024-12-31T00:00:00Z')`,
    ).run();
    db.prepare(
      `INSERT INTO transactions (transaction_id, account_id, item_id, date, name, amount_minor, currency, pending,
         payment_channel, updated_at, transfer_checked)
       VALUES ('tx-1', 'acc-1', 'item-1', '2024-05-01', 'Cafe', 450, 'USD', 0, 'other', '2024-05-01', 1)`,
    ).run();
  }

  it('exports.write asks the save dialog, parented to the main window, and writes where it answered', async () => {
    addTransaction();
    const { main, call } = await startApp();
    const target = path.join(elsewhere, 'mine.csv');
    fake.nextDialogPath = target;
    const reply = await call('exports.write', { kind: 'transactions', year: 2024 });
    expect(reply).toMatchObject({ ok: true, result: { status: 'saved', name: 'mine.csv', rows: 1 } });
    expect(fake.fileDialogs).toHaveLength(1);
    expect(fake.fileDialogs[0]).toMatchObject({ kind: 'save', parent: main });
    expect(fake.fileDialogs[0].options.defaultPath).toBe('coffer-transactions-2024.csv');
    expect(fs.readFileSync(target, 'utf8')).toContain('tx-1,2024-05-01');
  });

  it('nothing to export is said before any dialog opens; a cancelled dialog writes nothing', async () => {
    addTransaction();
    const { call } = await startApp();
    expect(await call('exports.write', { kind: 'transactions', year: 2019 })).toMatchObject({
      ok: false,
      error: { code: 'NOTHING_TO_EXPORT' },
    });
    expect(fake.fileDialogs).toEqual([]);
    fake.nextDialogPath = null;
    expect(await call('exports.write', { kind: 'transactions', year: 2024 })).toEqual({
      ok: true,
      result: { status: 'cancelled' },
    });
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('the dialog cannot aim an export at the ledger', async () => {
    addTransaction();
    const { call } = await startApp();
    const before = fs.readFileSync(fixture.ledgerFile);
    fake.nextDialogPath = fixture.ledgerFile;
    const reply = await call('exports.write', { kind: 'transactions', year: 2024 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'PATH_IN_DATA_DIR' } });
    expect(fs.readFileSync(fixture.ledgerFile).equals(before)).toBe(true);
  });
});
