/**
 * The access token and the Plaid secret must appear nowhere but the keychain and memory: not in
 * any file of the data dir (SQLite with its -wal, logs, simulator state), not in any response.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim/index';
import type { Core } from '../../src/main/services/core';
import { readOrCreateLedgerId, simulatorStatePath } from '../../src/main/services/paths';
import { openKeychain } from '../../src/main/services/secrets/keychain';
import { itemTokenPurpose } from '../../src/main/services/secrets/store';
import type { LinkPageResult } from '../../src/shared/link';
import { requireTestKeyring } from '../support/keyring';
import {
  allTransactions,
  call,
  FIRST_PLATYPUS,
  openTestCore,
  readAllFiles,
  recordEvents,
  SimAdmin,
  tempDir,
  uniqueCredentials,
} from './helpers';

let sim: RunningSimulator;
let dataDir: string;
let core: Core;
let admin: SimAdmin;
const responses: unknown[] = [];
let events: ReturnType<typeof recordEvents>;
const accessTokens: string[] = [];
const itemIds: string[] = [];

beforeAll(async () => {
  requireTestKeyring();
  dataDir = tempDir();
  // Demo layout: the simulator keeps its state in the data dir, as the embedded one does.
  sim = await startSimulator({ port: 0, ...uniqueCredentials(), statePath: simulatorStatePath(dataDir) });
  admin = new SimAdmin(sim);
  core = await openTestCore({ dataDir, sim });
  events = recordEvents(core);
  // Link through the presenter path too: the Link page reports a public token.
  core.setLinkPresenter(async (): Promise<LinkPageResult> => {
    const { public_token } = (await admin.plaid('/sandbox/public_token/create', {
      institution_id: FIRST_PLATYPUS,
      initial_products: ['transactions'],
    })) as { public_token: string };
    return {
      kind: 'success',
      publicToken: public_token,
      metadata: {
        institution: { name: 'First Platypus Bank', institution_id: FIRST_PLATYPUS },
        accounts: [],
        link_session_id: 's',
      },
    };
  });
  responses.push(await core.linkSandboxItem(FIRST_PLATYPUS));
  responses.push(await call(core, 'link.open'));
  await admin.advance(3);
  responses.push(await call(core, 'sync.run', { itemId: null }));
  for (const name of ['app.info', 'items.list', 'accounts.list']) responses.push(await call(core, name));
  responses.push(await allTransactions(core));
  const { items } = await call<{ items: { id: string }[] }>(core, 'items.list');
  const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
  for (const item of items) {
    itemIds.push(item.id);
    const token = await store.get(itemTokenPurpose(item.id));
    if (token) accessTokens.push(token);
  }
}, 120_000);

afterAll(async () => {
  const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
  await core.close();
  for (const id of itemIds) await store.delete(itemTokenPurpose(id));
  await sim.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function secrets(): string[] {
  return [sim.secret, ...accessTokens];
}

function expectAbsent(haystack: Buffer, where: string) {
  for (const secret of secrets()) {
    if (haystack.includes(Buffer.from(secret, 'utf8')))
      throw new Error(`${where} contains a secret (${secret.slice(0, 7)}…)`);
  }
}

describe('secrets stay in the keychain', () => {
  it('both Items keep their access token in the keychain', () => {
    expect(accessTokens).toHaveLength(2);
    for (const token of accessTokens) expect(token.length).toBeGreaterThan(10);
  });

  it('appear in no file of the data dir while the app runs (including -wal) nor after it closes', async () => {
    const files = readAllFiles(dataDir);
    const names = files.map((f) => path.relative(dataDir, f.file));
    expect(names).toEqual(
      expect.arrayContaining([
        'ledger-id',
        path.join('demo', 'ledger.sqlite'),
        path.join('demo', 'ledger.sqlite-wal'),
        path.join('demo', 'logs', 'coffer.log'),
        path.join('demo', 'simulator-state.json'),
      ]),
    );
    for (const f of files) expectAbsent(f.bytes, f.file);
    // The log is really written: Plaid calls are logged with their request_id.
    const log = files.find((f) => f.file.endsWith('coffer.log'))!.bytes.toString('utf8');
    expect(log).toContain('request_id');
  });

  it('appear in no API response nor event', () => {
    expectAbsent(Buffer.from(JSON.stringify(responses)), 'an API response');
    expectAbsent(Buffer.from(JSON.stringify(events)), 'an event');
    expect(JSON.stringify(responses)).toContain('First Platypus Bank');
  });

  it('appear in no file after close either (WAL checkpointed into the main file)', async () => {
    await core.close();
    for (const f of readAllFiles(dataDir)) expectAbsent(f.bytes, f.file);
  });
});
