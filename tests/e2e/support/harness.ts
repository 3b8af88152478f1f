/**
 * What an end-to-end test of the browser host against `coffer sim` starts from: throwaway Plaid
 * keys (the simulator accepts any), a fresh data dir, one Chromium, and every process it starts;
 * all stopped and removed after the file's tests. Call it at the top of a test file.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { readOrCreateLedgerId } from '../../../src/main/services/paths';
import { openKeychain } from '../../../src/main/services/secrets/keychain';
import { itemTokenPurpose } from '../../../src/main/services/secrets/store';
import { requireTestKeyring } from '../../support/keyring';
import { hostApi, launchChromium, LONG, simAdmin } from './browser';
import { coffersWithKeys, type Running } from './processes';

export interface E2eHarness {
  readonly keys: { clientId: string; secret: string };
  readonly dataDir: string;
  readonly browser: Browser;
  readonly processes: Running[];
  /** Starts a `coffer` command with the test's keys; stopped after the file's tests. */
  start(args: string[]): Running;
  /** `coffer sim` on a free port with this seed: its URL and its admin API. */
  sim(seed: number): Promise<{ url: string; admin: ReturnType<typeof simAdmin> }>;
  /** `coffer serve` on the data dir against that simulator: the printed URL and its API. */
  serve(simUrl: string): Promise<{ host: Running; url: string; api: ReturnType<typeof hostApi> }>;
  /** The Item's access_token as the app keeps it in the keychain (to drive the simulator with), or null. */
  accessToken(itemId: string): Promise<string | null>;
}

export function e2eHarness(name: string): E2eHarness {
  const keys = {
    clientId: `e2e-client-${randomBytes(6).toString('hex')}`,
    secret: `e2e-secret-${randomBytes(12).toString('hex')}`,
  };
  const processes: Running[] = [];
  const start = coffersWithKeys(keys, processes);
  let dataDir: string | null = null;
  let browser: Browser | null = null;

  beforeAll(async () => {
    requireTestKeyring();
    dataDir = mkdtempSync(path.join(tmpdir(), `coffer-e2e-${name}-`));
    browser = await launchChromium();
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(processes.map((p) => p.stop()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, LONG);

  const ready = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`${what} exists only inside a test`);
    return value;
  };

  return {
    keys,
    processes,
    start,
    get dataDir() {
      return ready(dataDir, 'the data dir');
    },
    get browser() {
      return ready(browser, 'the browser');
    },
    async sim(seed) {
      const sim = start(['sim', '--port', '0', '--seed', String(seed)]);
      const [, url] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, LONG);
      return { url: url!, admin: simAdmin({ url: url!, ...keys }) };
    },
    async serve(simUrl) {
      const host = start([
        'serve',
        '--port',
        '0',
        '--data-dir',
        ready(dataDir, 'the data dir'),
        '--plaid-url',
        simUrl,
      ]);
      const [, url] = await host.waitFor(
        /Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/,
        LONG,
      );
      return { host, url: url!, api: hostApi(url!) };
    },
    async accessToken(itemId) {
      const { store } = await openKeychain(readOrCreateLedgerId(ready(dataDir, 'the data dir')));
      return store.get(itemTokenPurpose(itemId));
    },
  };
}
