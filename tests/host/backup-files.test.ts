/**
 * Issue 19: in the browser host a backup is a download and a restore an upload; no request names a
 * path on the user's disk. The uploaded file is checked before a restore can be confirmed, and
 * every refused case leaves the ledger's bytes as they were.
 */
import fs from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../src/main/host';
import { securityCore, type SecurityCore } from '../support/security-core';
import { raw } from './http-client';

let rendererDir: string;
let fixture: SecurityCore;
let host: RunningHost;

beforeAll(() => {
  rendererDir = mkdtempSync(path.join(tmpdir(), 'coffer-host-renderer-'));
  mkdirSync(path.join(rendererDir, 'link'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Coffer</title>');
});
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

beforeEach(async () => {
  fixture = await securityCore();
  host = await startHost({ core: fixture.core, port: 0, rendererDir });
});
afterEach(async () => {
  await host.close();
  fixture.dispose();
});

const bearer = () => ({ Authorization: `Bearer ${host.token}` });
const api = async (name: string, body: unknown) => {
  const res = await raw(host.port, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { ...bearer(), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return JSON.parse(res.body) as {
    ok: boolean;
    result?: Record<string, unknown>;
    error?: { code: string; message: string };
  };
};

function download(): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: '/files/backup',
        headers: { Host: `127.0.0.1:${host.port}`, ...bearer() },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const upload = (body: Buffer, name = 'mine.cfrbackup') =>
  raw(host.port, {
    method: 'POST',
    path: '/files/backup',
    headers: { ...bearer(), 'Content-Type': 'application/octet-stream', 'X-Coffer-File-Name': name },
    body,
  });

const envDirFiles = () => fs.readdirSync(path.dirname(fixture.ledgerFile)).filter((f) => f.startsWith('.'));

describe('browser host backups', () => {
  it('a backup is a download, and its private copy is gone afterwards', async () => {
    const res = await download();
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="coffer-demo-\d{4}-\d{2}-\d{2}\.cfrbackup"$/,
    );
    expect(res.body.subarray(0, 8).toString()).toBe('CFRBKP01');
    expect(envDirFiles()).toEqual([]);
  });

  it('needs the token for both directions', async () => {
    expect((await raw(host.port, { path: '/files/backup' })).status).toBe(403);
    const res = await raw(host.port, {
      method: 'POST',
      path: '/files/backup',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: 'x',
    });
    expect(res.status).toBe(403);
  });

  it('backup.create and backup.choose take no path, and the window cannot send one', async () => {
    expect(await api('backup.create', { path: '/etc/passwd', overwrite: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await api('backup.create', {})).toMatchObject({ ok: false, error: { code: 'USE_DOWNLOAD' } });
    expect(await api('backup.choose', {})).toMatchObject({ ok: false, error: { code: 'NO_UPLOAD' } });
  });

  it('an upload is checked before a restore can be confirmed; junk is refused and the ledger is untouched', async () => {
    const before = fs.readFileSync(fixture.ledgerFile);
    expect((await upload(Buffer.alloc(4096, 7), 'photo.jpg')).status).toBe(200);
    const refused = await api('backup.choose', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
    expect(refused.error?.message).not.toMatch(/\.upload-|\/demo\//);
    expect(envDirFiles()).toEqual([]);
    expect(fs.readFileSync(fixture.ledgerFile).equals(before)).toBe(true);

    const backup = (await download()).body;
    expect((await upload(backup)).status).toBe(200);
    const chosen = await api('backup.choose', {});
    expect(chosen).toMatchObject({
      ok: true,
      result: { status: 'ready', name: 'mine.cfrbackup', transactions: 0 },
    });
    const restored = await api('backup.restore', { restoreId: chosen.result?.restoreId });
    expect(restored).toMatchObject({ ok: true, result: { name: 'mine.cfrbackup' } });
    expect(envDirFiles()).toEqual([]);
  });

  it('refuses an upload that is not sent as a file', async () => {
    const res = await raw(host.port, {
      method: 'POST',
      path: '/files/backup',
      headers: { ...bearer(), 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });
});
