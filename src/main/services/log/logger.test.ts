import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Redactor } from '../plaid/redact';
import { createFileLogger } from './logger';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('file logger', () => {
  it('writes redacted JSON lines and rotates by size keeping three files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-log-'));
    dirs.push(dir);
    const file = path.join(dir, 'logs', 'coffer.log');
    const redactor = new Redactor();
    redactor.add('super-secret-value');
    const log = createFileLogger({ file, redactor, maxBytes: 2000 });
    log.info('plaid request', {
      request_id: 'req-1',
      detail: 'leaked super-secret-value and access-demo-abcdef123456',
    });
    const first = JSON.parse(fs.readFileSync(file, 'utf8').trim()) as Record<string, unknown>;
    expect(first).toMatchObject({ level: 'info', msg: 'plaid request', request_id: 'req-1' });
    expect(JSON.stringify(first)).not.toMatch(/super-secret-value|abcdef123456/);

    for (let i = 0; i < 200; i++) log.info('filler', { i, pad: 'x'.repeat(100) });
    const files = fs.readdirSync(path.dirname(file)).sort();
    expect(files).toEqual(['coffer.log', 'coffer.log.1', 'coffer.log.2', 'coffer.log.3']);
    for (const f of files)
      expect(fs.statSync(path.join(path.dirname(file), f)).size).toBeLessThanOrEqual(2000);
  });

  it('drops lines below the minimum level', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-log-'));
    dirs.push(dir);
    const file = path.join(dir, 'coffer.log');
    const log = createFileLogger({ file, redactor: new Redactor(), minLevel: 'warn' });
    log.info('quiet');
    log.warn('loud');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('quiet');
    expect(fs.readFileSync(file, 'utf8')).toContain('loud');
  });
});
