/**
 * Shared setup of the integration suites: a real simulator on a random port, a real data dir in
 * a temp folder, and the core under test aimed at that simulator.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { z } from 'zod';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../sim/index';
import type { PlaidEnvironment, Transaction } from '../../src/shared/api';
import type { EventName, EventPayload } from '../../src/shared/events';
import { toMinor } from '../../src/shared/money';
import { openCore, type Core } from '../../src/main/services/core';
import type { CoreTestingOptions } from '../../src/main/services/core-types';
import { dispatch } from '../../src/main/services/dispatch';
import { readOrCreateLedgerId } from '../../src/main/services/paths';
import { openKeychain } from '../../src/main/services/secrets/keychain';
import {
  itemTokenPurpose,
  ledgerKeyPurpose,
  pendingRecoveryKeyPurpose,
} from '../../src/main/services/secrets/store';
import { openLedgerDb } from '../support/ledger-file';
import { requireTestKeyring } from '../support/keyring';

export const FIRST_PLATYPUS = 'ins_109508';

export function tempDir(prefix = 'coffer-it-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Credentials unique to one test run, so a leak of "the" secret can be searched for byte by byte. */
export function uniqueCredentials() {
  return {
    clientId: `client-${randomBytes(6).toString('hex')}`,
    secret: `secret-${randomBytes(16).toString('hex')}`,
  };
}

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, ...uniqueCredentials(), ...options });
}

const TruthTransaction = z.object({
  transaction_id: z.string(),
  account_id: z.string(),
  amount: z.number(),
  iso_currency_code: z.string().nullable(),
  date: z.string(),
  pending: z.boolean(),
  name: z.string(),
});
const Truth = z.object({ transactions: z.array(TruthTransaction) });

export class SimAdmin {
  constructor(private readonly sim: RunningSimulator) {}

  /** Any admin (or Plaid) call with the simulator's keys; a non-2xx answer throws with its body. */
  async request(method: 'GET' | 'POST' | 'DELETE', pathname: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.sim.url}${pathname}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'PLAID-CLIENT-ID': this.sim.clientId,
        'PLAID-SECRET': this.sim.secret,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  async truth(itemId: string) {
    return Truth.parse(
      await this.request('GET', `/__sim/truth/transactions?item_id=${encodeURIComponent(itemId)}`),
    ).transactions;
  }

  async advance(days: number): Promise<void> {
    await this.request('POST', '/__sim/clock/advance', { days });
  }

  /**
   * Every /transactions/sync answer takes `ms` (0: no delay). The engine fetches pages ahead while
   * it applies, so a test that changes the bank between two pages slows the pages down to be sure
   * the next ones are still on their way.
   */
  async slowSyncPages(ms: number): Promise<void> {
    await this.request('POST', '/__sim/faults', {
      rules: ms > 0 ? [{ endpoint: '/transactions/sync', rate: 1, kind: 'latency', ms }] : [],
    });
  }

  /** A Plaid call with the simulator's keys, as a presenter or an attacker would make it. */
  plaid(pathname: string, body: Record<string, unknown>): Promise<unknown> {
    return this.request('POST', pathname, body);
  }
}

export interface TestCoreOptions {
  dataDir: string;
  sim: RunningSimulator;
  environment?: PlaidEnvironment;
  testing?: CoreTestingOptions;
}

export function openTestCore(options: TestCoreOptions): Promise<Core> {
  return openCore({
    dataDir: options.dataDir,
    environment: options.environment ?? 'demo',
    plaidUrl: options.sim.url,
    credentials: { clientId: options.sim.clientId, secret: options.sim.secret },
    host: 'test',
    testing: { sleep: async () => {}, ...options.testing },
  });
}

/** Calls go through dispatch, as both transports do, so contract checks run too. */
export async function call<T = unknown>(core: Core, name: string, payload: unknown = {}): Promise<T> {
  const envelope = await dispatch(core.handlers, name, payload);
  if (!envelope.ok)
    throw Object.assign(
      new Error(`${name}: ${envelope.error.code}: ${envelope.error.message}`),
      envelope.error,
    );
  return envelope.result as T;
}

export async function allTransactions(core: Core): Promise<Transaction[]> {
  const out: Transaction[] = [];
  let after: string | null = null;
  do {
    const page: { transactions: Transaction[]; next: string | null } = await call(core, 'transactions.list', {
      limit: 1000,
      after,
    });
    out.push(...page.transactions);
    after = page.next;
  } while (after);
  return out;
}

export interface Comparable {
  id: string;
  accountId: string;
  date: string;
  amountMinor: number;
  pending: boolean;
  name: string;
}

const byId = (a: Comparable, b: Comparable) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function truthOf(admin: SimAdmin, itemId: string): Promise<Comparable[]> {
  return (await admin.truth(itemId))
    .map((t) => ({
      id: t.transaction_id,
      accountId: t.account_id,
      date: t.date,
      amountMinor: toMinor(t.amount, t.iso_currency_code ?? 'USD'),
      pending: t.pending,
      name: t.name,
    }))
    .sort(byId);
}

export async function ledgerOf(core: Core, itemId: string): Promise<Comparable[]> {
  const { accounts } = await call<{ accounts: { id: string; itemId: string }[] }>(core, 'accounts.list');
  const mine = new Set(accounts.filter((a) => a.itemId === itemId).map((a) => a.id));
  return (await allTransactions(core))
    .filter((t) => mine.has(t.accountId))
    .map((t) => ({
      id: t.id,
      accountId: t.accountId,
      date: t.date,
      amountMinor: t.amountMinor,
      pending: t.pending,
      name: t.name,
    }))
    .sort(byId);
}

/** Reads the ledger file directly (read-only), for state the contract does not expose. */
export function syncStateRow(dataDir: string, itemId: string, environment: PlaidEnvironment = 'demo') {
  const db = openLedgerDb(dataDir, environment);
  try {
    return db
      .prepare(
        `SELECT cursor, loop_start_cursor FROM sync_state WHERE item_id = ? AND product = 'transactions'`,
      )
      .get(itemId) as { cursor: string | null; loop_start_cursor: string | null } | undefined;
  } finally {
    db.close();
  }
}

export function recordEvents(core: Core) {
  const events: { name: EventName; payload: unknown }[] = [];
  core.onEvent(<K extends EventName>(name: K, payload: EventPayload<K>) => {
    events.push({ name, payload });
  });
  return events;
}

/** Every file under dir, as bytes. */
export function readAllFiles(dir: string): { file: string; bytes: Buffer }[] {
  const out: { file: string; bytes: Buffer }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...readAllFiles(full));
    else if (entry.isFile()) out.push({ file: full, bytes: fs.readFileSync(full) });
  }
  return out;
}

/** Deletes the keychain entries of every Item a test data dir linked (the test keyring outlives the run). */
export async function forgetSecrets(dataDir: string): Promise<void> {
  if (!fs.existsSync(path.join(dataDir, 'ledger-id'))) return;
  const { store, status } = await openKeychain(readOrCreateLedgerId(dataDir));
  if (!status.available) return;
  for (const environment of ['demo', 'sandbox', 'production']) {
    const file = path.join(dataDir, environment, 'ledger.sqlite');
    if (!fs.existsSync(file)) continue;
    let ids: string[] = [];
    try {
      const db = openLedgerDb(dataDir, environment as PlaidEnvironment);
      ids = db.prepare('SELECT item_id FROM items').pluck().all() as string[];
      db.close();
    } catch {
      // A test that took the ledger's key away: its Items' tokens are found by no one anyway.
    }
    for (const id of ids) await store.delete(itemTokenPurpose(id));
    await store.delete(ledgerKeyPurpose(environment));
    await store.delete(pendingRecoveryKeyPurpose(environment));
  }
}

export interface SimulatorSuite {
  readonly sim: RunningSimulator;
  readonly admin: SimAdmin;
  /**
   * A core over a new data dir (or `options.dataDir`, left to its owner), aimed at the suite's
   * simulator unless `options.sim` names another; closed, and its data dir and secrets removed,
   * after the suite.
   */
  freshCore(options?: Partial<TestCoreOptions>): Promise<{ core: Core; dataDir: string }>;
  /** A new temp data dir, removed (with its secrets) after the suite. */
  dataDir(): string;
  /** A core the test opened itself, closed after the suite. */
  own(core: Core): Core;
}

/** One simulator for a whole suite (registers the suite's beforeAll/afterAll). */
export function simulatorSuite(): SimulatorSuite {
  let sim: RunningSimulator | null = null;
  let admin: SimAdmin | null = null;
  const dirs: string[] = [];
  const cores: Core[] = [];
  beforeAll(async () => {
    requireTestKeyring();
    sim = await startTestSimulator();
    admin = new SimAdmin(sim);
  });
  afterAll(async () => {
    for (const c of cores) await c.close();
    await sim?.close();
    for (const d of dirs) {
      await forgetSecrets(d);
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
  const started = <T>(value: T | null): T => {
    if (value === null) throw new Error('the suite simulator starts in beforeAll');
    return value;
  };
  return {
    get sim() {
      return started(sim);
    },
    get admin() {
      return started(admin);
    },
    async freshCore(options = {}) {
      const dataDir = options.dataDir ?? this.dataDir();
      const core = this.own(await openTestCore({ ...options, dataDir, sim: options.sim ?? started(sim) }));
      return { core, dataDir };
    },
    dataDir() {
      const dir = tempDir();
      dirs.push(dir);
      return dir;
    },
    own(core) {
      cores.push(core);
      return core;
    },
  };
}
