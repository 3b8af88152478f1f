/**
 * Auth and Identity against the simulator (issue 16): the masked list reads the ledger only, a
 * reveal returns what Plaid's /auth/get says and leaves no trace (log, events, any table of the
 * ledger read through SQLite, the bytes of an unencrypted demo ledger); Identity's owners are
 * Plaid's and the ownership check follows the user's profile; an Item without the products is
 * told how to add them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/services/core';
import { envPaths, readOrCreateLedgerId } from '../../src/main/services/paths';
import { openKeychain } from '../../src/main/services/secrets/keychain';
import { itemTokenPurpose } from '../../src/main/services/secrets/store';
import type {
  AccountNumbers,
  AuthItem,
  IdentityItem,
  Profile,
} from '../../src/shared/contract/auth-identity';
import { openLedgerDb } from '../support/ledger-file';
import { cellsContaining, tableCount } from '../support/ledger-scan';
import { call, FIRST_PLATYPUS, readAllFiles, recordEvents, simulatorSuite } from './helpers';

const suite = simulatorSuite();

async function tokenOf(dataDir: string, itemId: string): Promise<string> {
  const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
  const token = await store.get(itemTokenPurpose(itemId));
  if (!token) throw new Error('no token');
  return token;
}

interface PlaidAch {
  account_id: string;
  account: string;
  routing: string;
  wire_routing: string | null;
}
interface PlaidOwner {
  names: string[];
  addresses: { data: { street: string; city: string; region: string; postal_code: string } }[];
}

async function linked(core: Core, products: string[]): Promise<string> {
  const outcome = await core.linkSandboxItem(FIRST_PLATYPUS, products);
  if (outcome.status !== 'linked') throw new Error(`not linked: ${JSON.stringify(outcome)}`);
  return outcome.itemId;
}

describe('Auth', () => {
  it("lists masks from the ledger, reveals Plaid's numbers on demand, and keeps them nowhere", async () => {
    const { core, dataDir } = await suite.freshCore();
    const events = recordEvents(core);
    const itemId = await linked(core, ['auth']);
    const authCalls = async () =>
      ((await suite.admin.request('GET', '/__sim/requests')) as { requests: Record<string, unknown[]> })
        .requests['/auth/get']?.length ?? 0;
    const authCallsBefore = await authCalls();
    const { items } = await call<{ items: AuthItem[] }>(core, 'auth.accounts');
    const item = items.find((i) => i.itemId === itemId)!;
    expect(item.auth?.status).toBe('ready');
    expect(item.accounts.map((a) => a.subtype).sort()).toEqual(['checking', 'savings']);
    // The masked list asked Plaid nothing.
    expect(await authCalls()).toBe(authCallsBefore);

    const truth = (await suite.admin.request('POST', '/auth/get', {
      access_token: await tokenOf(dataDir, itemId),
    })) as { numbers: { ach: PlaidAch[] } };
    const full: string[] = [];
    for (const account of item.accounts) {
      const { numbers } = await call<{ numbers: AccountNumbers[] }>(core, 'auth.reveal', {
        accountId: account.accountId,
      });
      const plaid = truth.numbers.ach.find((n) => n.account_id === account.accountId)!;
      expect(numbers).toEqual([
        { kind: 'ach', account: plaid.account, routing: plaid.routing, wireRouting: plaid.wire_routing },
      ]);
      expect(plaid.account.endsWith(account.mask!)).toBe(true);
      expect(plaid.account.length).toBeGreaterThan(account.mask!.length + 4);
      full.push(plaid.account);
    }
    await core.close();

    const log = fs.readFileSync(envPaths(dataDir, 'demo').log, 'utf8');
    expect(log).toMatch(/\/auth\/get/);
    const db = openLedgerDb(dataDir);
    try {
      expect(tableCount(db)).toBeGreaterThan(20);
      // The scan can find what is there: the account names are in the ledger.
      expect(cellsContaining(db, item.accounts[0]!.accountName)).toContain('accounts.name');
      for (const number of full) {
        expect(log.includes(number), 'in the log').toBe(false);
        expect(JSON.stringify(events).includes(number), 'in an event').toBe(false);
        expect(cellsContaining(db, number), 'in the ledger').toEqual([]);
        for (const f of readAllFiles(dataDir))
          expect(f.bytes.toString('latin1').includes(number), f.file).toBe(false);
      }
    } finally {
      db.close();
    }
  }, 120_000);

  it("an Item linked without Auth is told it needs consent, in Plaid's words, and which way to add it", async () => {
    const { core } = await suite.freshCore();
    const itemId = await linked(core, []);
    const { items } = await call<{ items: AuthItem[] }>(core, 'auth.accounts');
    const item = items.find((i) => i.itemId === itemId)!;
    expect(item.auth).toBeNull();
    await expect(call(core, 'auth.reveal', { accountId: item.accounts[0]!.accountId })).rejects.toMatchObject(
      {
        plaid: { error_code: 'ADDITIONAL_CONSENT_REQUIRED' },
      },
    );
    const plan = await call<{ path: string; message: string }>(core, 'items.productPath', {
      itemId,
      product: 'auth',
    });
    expect(plan).toMatchObject({
      path: 'update_mode',
      message: expect.stringMatching(/Auth needs your consent/),
    });
  }, 120_000);

  it('an unencrypted demo ledger (no keychain) holds no revealed number either', async () => {
    const dataDir = suite.dataDir();
    const script = path.join(dataDir, 'reveal.mts');
    const services = path.join(import.meta.dirname, '../../src/main/services');
    fs.writeFileSync(
      script,
      `import { openCore } from ${JSON.stringify(path.join(services, 'core.ts'))};
       import { dispatch } from ${JSON.stringify(path.join(services, 'dispatch.ts'))};
       const core = await openCore({ dataDir: ${JSON.stringify(dataDir)}, environment: 'demo', host: 'test',
         plaidUrl: ${JSON.stringify(suite.sim.url)},
         credentials: ${JSON.stringify({ clientId: suite.sim.clientId, secret: suite.sim.secret })} });
       const { itemId } = await core.linkSandboxItem(${JSON.stringify(FIRST_PLATYPUS)}, ['auth']);
       const listed = await dispatch(core.handlers, 'auth.accounts', {});
       const account = listed.result.items.find((i) => i.itemId === itemId).accounts[0];
       const revealed = await dispatch(core.handlers, 'auth.reveal', { accountId: account.accountId });
       console.log(JSON.stringify({ name: account.accountName, numbers: revealed.result.numbers, notices: core.info().notices }));
       await core.close();`,
    );
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    // Asynchronously: the simulator answering the child runs in this process.
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { env });
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      name: string;
      numbers: { kind: string; account: string }[];
      notices: string[];
    };
    expect(out.notices.join(' ')).toMatch(/not encrypted/);
    const account = out.numbers[0]!.account;
    expect(account).toMatch(/^\d{12}$/);
    const ledgerBytes = fs.readFileSync(envPaths(dataDir, 'demo').ledger).toString('latin1');
    // Plain: the account's name is readable in the file's bytes, so the check below can fail.
    expect(ledgerBytes.includes(out.name)).toBe(true);
    for (const f of readAllFiles(path.join(dataDir, 'demo')))
      expect(f.bytes.toString('latin1').includes(account), f.file).toBe(false);
  }, 120_000);
});

describe('Identity', () => {
  it("keeps Plaid's owners per account and checks them against the user's profile", async () => {
    const { core, dataDir } = await suite.freshCore();
    const itemId = await linked(core, ['identity']);
    const before = await call<{ items: IdentityItem[] }>(core, 'identity.owners');
    expect(before.items.find((i) => i.itemId === itemId)).toMatchObject({ fetchedAt: null, accounts: [] });

    await call(core, 'identity.refresh', { itemId });
    const truth = (await suite.admin.request('POST', '/identity/get', {
      access_token: await tokenOf(dataDir, itemId),
    })) as { accounts: { account_id: string; owners: PlaidOwner[] }[] };
    const owners = async () =>
      (await call<{ items: IdentityItem[] }>(core, 'identity.owners')).items.find(
        (i) => i.itemId === itemId,
      )!;
    const item = await owners();
    expect(item.accounts.map((a) => a.accountId).sort()).toEqual(
      truth.accounts.map((a) => a.account_id).sort(),
    );
    for (const a of item.accounts) {
      const plaid = truth.accounts.find((t) => t.account_id === a.accountId)!;
      expect(a.owners.map((o) => o.names)).toEqual(plaid.owners.map((o) => o.names));
      expect(a.check).toBeNull();
    }

    // The holder's own name, middle name left out: a match on every account.
    const holder = truth.accounts[0]!.owners[0]!;
    const [first, , last] = holder.names[0]!.split(' ');
    const home = holder.addresses[0]!.data;
    const setProfile = (profile: Profile | null) => call(core, 'identity.setProfile', { user: profile });
    await setProfile({ name: `${first} ${last}`, address: null });
    expect(new Set((await owners()).accounts.map((a) => a.check?.result))).toEqual(new Set(['match']));

    await setProfile({
      name: `${first!.toUpperCase()} ${last}`,
      address: {
        street: home.street,
        city: home.city,
        region: home.region,
        postalCode: home.postal_code,
        country: 'US',
      },
    });
    const withAddress = await owners();
    expect(
      withAddress.accounts.every((a) => a.check?.result === 'match' && a.check.address === 'match'),
    ).toBe(true);

    await setProfile({ name: `Someone ${last}`, address: null });
    expect(new Set((await owners()).accounts.map((a) => a.check?.result))).toEqual(new Set(['partial']));
    await setProfile({ name: 'Zebulon Quartermaine', address: null });
    const stranger = await owners();
    expect(stranger.accounts.every((a) => a.check?.result === 'mismatch')).toBe(true);
    expect(stranger.accounts[0]!.check?.reason).toMatch(/no owner name on the account resembles your name/);
  }, 120_000);

  it('an Item without Identity gets needs-consent from Plaid and keeps its health', async () => {
    const { core } = await suite.freshCore();
    const itemId = await linked(core, []);
    await expect(call(core, 'identity.refresh', { itemId })).rejects.toMatchObject({
      plaid: { error_code: 'ADDITIONAL_CONSENT_REQUIRED' },
    });
    const item = (await call<{ items: IdentityItem[] }>(core, 'identity.owners')).items.find(
      (i) => i.itemId === itemId,
    )!;
    expect(item.identity?.status).toBe('needs_consent');
    const { items } = await call<{ items: { id: string; health: string }[] }>(core, 'items.list');
    expect(items.find((i) => i.id === itemId)?.health).toBe('ok');
  }, 120_000);
});
