/**
 * Issue 6, item 2: after a full demo session (embedded simulator; link through the Link page
 * path and the CLI path, sync, a bank error, failed calls, recovery key, backup and restore) no
 * secret appears in any log file or in any error message the app answered.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/main/services/core';
import { dispatch } from '../../src/main/services/dispatch';
import { readOrCreateLedgerId } from '../../src/main/services/paths';
import { openKeychain } from '../../src/main/services/secrets/keychain';
import { itemTokenPurpose, ledgerKeyPurpose } from '../../src/main/services/secrets/store';
import type { Envelope } from '../../src/shared/api';
import type { LinkPageResult } from '../../src/shared/link';
import { filesUnder, leaksInText, TOKEN_PATTERN } from '../e2e/support/secrets-scan';
import { FIRST_PLATYPUS, forgetSecrets, tempDir, uniqueCredentials } from '../integration/helpers';
import { requireTestKeyring } from '../support/keyring';

let dataDir: string;
let backupDir: string;
let core: Core;
const credentials = uniqueCredentials();
const envelopes: Envelope<unknown>[] = [];
const secrets: string[] = [credentials.secret];
let basePath = '';

async function run(name: string, payload: unknown = {}): Promise<Envelope<unknown>> {
  const envelope = await dispatch(core.handlers, name, payload);
  envelopes.push(envelope);
  return envelope;
}

/** What a Plaid customer's own tooling would call on the demo's embedded simulator. */
async function plaid(pathname: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${basePath}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: credentials.clientId, secret: credentials.secret, ...body }),
  });
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  requireTestKeyring();
  dataDir = tempDir('coffer-logs-');
  backupDir = tempDir('coffer-logs-backup-');
  core = await openCore({ dataDir, environment: 'demo', host: 'test', credentials });
  // The embedded simulator's address, as the Link page would learn it from the session.
  core.setLinkPresenter(async (session): Promise<LinkPageResult> => {
    basePath = new URL(session.scriptUrl).origin;
    const created = await plaid('/sandbox/public_token/create', {
      institution_id: FIRST_PLATYPUS,
      initial_products: ['transactions'],
    });
    const publicToken = String(created.public_token);
    secrets.push(publicToken);
    return {
      kind: 'success',
      publicToken,
      metadata: {
        institution: { name: 'First Platypus Bank', institution_id: FIRST_PLATYPUS },
        accounts: [],
        link_session_id: 'link-session-logs-test',
      },
    };
  });

  await run('link.open', {});
  await core.linkSandboxItem(FIRST_PLATYPUS);
  await run('sync.run', {});
  await run('transactions.list', { limit: 50 });

  const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
  const items = (await run('items.list')) as Envelope<{ items: { id: string }[] }>;
  if (!items.ok) throw new Error('items.list failed');
  for (const item of items.result.items) {
    const token = await store.get(itemTokenPurpose(item.id));
    if (token) secrets.push(token);
  }
  secrets.push((await store.get(ledgerKeyPurpose('demo'))) ?? '');

  // A bank error: the first Item needs its login again; the next sync fails with Plaid's error.
  const first = items.result.items[0];
  const accessToken = await store.get(itemTokenPurpose(first.id));
  await plaid('/sandbox/item/reset_login', { access_token: accessToken });
  await run('sync.run', { itemId: first.id });

  // Failed calls of every kind.
  await run('transactions.list', { limit: 'all', secret: credentials.secret });
  await run('sync.run', { itemId: 'no-such-item' });
  let picked = path.join(backupDir, 'missing.cofferbackup');
  core.setFilePicker({
    saveBackup: async () => picked,
    saveExport: async () => picked,
    openBackup: async () => ({ file: picked, name: path.basename(picked), temporary: false }),
  });
  await run('backup.choose', {});
  await run('backup.restore', { restoreId: '0'.repeat(32) });

  const recovery = (await run('security.recoveryKey')) as Envelope<{ recoveryKey: string }>;
  if (recovery.ok) secrets.push(recovery.result.recoveryKey);
  picked = path.join(backupDir, 'session.cofferbackup');
  await run('backup.create', {});
  const attempted = 'QQQQ-RRRR-SSSS-TTTT-VVVV-WWWW-XXXX-YYYY';
  secrets.push(attempted);
  await run('backup.choose', { recoveryKey: attempted });
  const chosen = (await run('backup.choose', {})) as Envelope<{ restoreId: string }>;
  if (chosen.ok) await run('backup.restore', { restoreId: chosen.result.restoreId });
  await run('security.acknowledgeRecoveryKey');
  await core.close();
}, 60_000);

afterAll(async () => {
  await forgetSecrets(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(backupDir, { recursive: true, force: true });
});

describe('after a full demo session', () => {
  it('had real secrets to leak, and real log lines', () => {
    expect(secrets.filter((s) => s.length > 0).length).toBeGreaterThanOrEqual(6);
    expect(secrets.some((s) => TOKEN_PATTERN.test(s))).toBe(true);
    const log = fs.readFileSync(path.join(dataDir, 'demo', 'logs', 'coffer.log'), 'utf8');
    expect(log).toMatch(/"msg":"item linked"/);
    expect(log).toMatch(/"msg":"backup created"/);
    expect(log.split('\n').length).toBeGreaterThan(20);
    expect(envelopes.filter((e) => !e.ok).length).toBeGreaterThanOrEqual(3);
  });

  it('left no secret and nothing token-shaped in any log file', () => {
    const logs = filesUnder(path.join(dataDir, 'demo', 'logs'));
    expect(logs.length).toBeGreaterThan(0);
    const leaks = logs.flatMap((file) =>
      leaksInText(fs.readFileSync(file, 'latin1'), secrets).map(
        (what) => `${what} in ${path.basename(file)}`,
      ),
    );
    expect(leaks).toEqual([]);
    for (const file of logs) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text).not.toMatch(/x'[0-9a-f]{64}'/i);
      expect(text).not.toMatch(/([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}/);
    }
  });

  it('answered no secret in any error message', () => {
    const failures = envelopes.filter((e) => !e.ok);
    const leaks = failures.flatMap((e) => leaksInText(JSON.stringify(e), secrets));
    expect(leaks).toEqual([]);
  });
});
