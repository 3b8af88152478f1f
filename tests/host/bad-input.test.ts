/**
 * Issue 19: the bad-input corpus through the browser host's API over the real core. Each case gets
 * one sentence naming the field (never the schema's words, an errno code or a stack), and the
 * ledger's rows are what they were.
 */
import fs from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sim/index';
import { startHost, type RunningHost } from '../../src/main/host';
import type { Core } from '../../src/main/services/core';
import {
  allTransactions,
  FIRST_PLATYPUS,
  forgetSecrets,
  openTestCore,
  startTestSimulator,
  tempDir,
} from '../integration/helpers';
import { requireTestKeyring } from '../support/keyring';
import { raw } from './http-client';

let sim: RunningSimulator;
let dataDir: string;
let core: Core;
let host: RunningHost;

beforeAll(async () => {
  requireTestKeyring();
  sim = await startTestSimulator();
  dataDir = tempDir('coffer-bad-input-');
  core = await openTestCore({ dataDir, sim });
  await core.linkSandboxItem(FIRST_PLATYPUS);
  const rendererDir = path.join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Coffer</title>');
  host = await startHost({ core, port: 0, rendererDir });
}, 120_000);

afterAll(async () => {
  await host?.close();
  await core?.close();
  await forgetSecrets(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await sim?.close();
});

async function api(name: string, body: unknown) {
  const res = await raw(host.port, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return JSON.parse(res.body) as { ok: boolean; error?: { code: string; message: string } };
}

/** The ledger's rows as the API lists them: what a refused call must leave alone. */
async function snapshot(): Promise<string> {
  const txs = await allTransactions(core);
  const rules = await core.handlers['rules.list']({});
  return JSON.stringify([txs.map((t) => [t.id, t.note, t.name]), rules]);
}

const cases: Array<[string, string, unknown, RegExp]> = [
  [
    'a search over 200 characters',
    'transactions.list',
    { query: 'x'.repeat(201) },
    /^The query is too long: at most 200 characters\.$/,
  ],
  ['a negative limit', 'transactions.list', { limit: -5 }, /^The limit is too small: at least 1\.$/],
  ['a huge limit', 'transactions.list', { limit: 1e20 }, /^The limit is too large\.$/],
  [
    'a rule name over 100 characters',
    'rules.create',
    { name: 'r'.repeat(101), conditions: { nameContains: 'coffee' }, actions: { addTags: ['x'] } },
    /^The name is too long: at most 100 characters\.$/,
  ],
  [
    'a path for a backup',
    'backup.create',
    { path: '/etc/passwd', overwrite: true },
    /does not know \(path, overwrite\)/,
  ],
  [
    'a path for a restore',
    'backup.restore',
    { path: '/home/someone/.local/share/coffer/demo/ledger.sqlite' },
    /^The restore id is missing/,
  ],
  [
    'a note over 2000 characters',
    'transactions.update',
    { id: 'tx', note: 'n'.repeat(2001) },
    /^The note is too long: at most 2000 characters\.$/,
  ],
];

describe('bad input through the host API', () => {
  it.each(cases)('%s: one sentence, and the ledger unchanged', async (_what, name, body, says) => {
    const before = await snapshot();
    const reply = await api(name, body);
    expect(reply.ok).toBe(false);
    expect(reply.error?.message).toMatch(says);
    expect(reply.error?.message).not.toMatch(/expected (string|number)|Too (big|small)|\bE[A-Z]{3,}\b|\n/);
    expect(await snapshot()).toBe(before);
  });
});
