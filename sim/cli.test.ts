/**
 * `coffer sim` with the simulator's control flags: faults (inline and from a file, with a seed),
 * the size of new Items, and Sandbox's 30-day expiry.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Products } from 'plaid';
import { afterEach, describe, expect, it } from 'vitest';
import { plaidClient, plaidFailure } from './testing';

const children: ChildProcess[] = [];
const dirs: string[] = [];

function coffer(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/coffer.mjs', 'sim', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`coffer sim did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`coffer sim exited with ${code}: ${output}`));
    });
  });
}

describe('coffer sim control flags', () => {
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGTERM');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('injects the faults it is given, sizes new Items and switches the 30-day expiry on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coffer-sim-flags-'));
    dirs.push(dir);
    const file = join(dir, 'faults.json');
    writeFileSync(
      file,
      JSON.stringify({
        rules: [{ endpoint: '/accounts/get', rate: 1, kind: 'error', error_code: 'INSTITUTION_DOWN' }],
      }),
    );
    const { url } = await coffer([
      '--port',
      '0',
      '--clock',
      '2026-03-15',
      '--transactions',
      '20000',
      '--expire-after-30-days',
      '--faults',
      file,
      '--fault',
      '{"endpoint":"/item/get","rate":1,"kind":"error","error_code":"RATE_LIMIT_EXCEEDED"}',
      '--fault-seed',
      '5',
    ]);
    const sim = { url, clientId: 'coffer-demo-client', secret: 'coffer-demo-secret' };
    const plaid = plaidClient(sim);
    const { data: created } = await plaid.sandboxPublicTokenCreate({
      institution_id: 'ins_109508',
      initial_products: [Products.Transactions],
      options: { transactions: { days_requested: 365 } },
    });
    const { data: item } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });

    expect((await plaidFailure(plaid.itemGet({ access_token: item.access_token }))).status).toBe(429);
    expect((await plaidFailure(plaid.accountsGet({ access_token: item.access_token }))).data).toMatchObject({
      error_type: 'INSTITUTION_ERROR',
      error_code: 'INSTITUTION_DOWN',
    });
    const admin = async (path: string) =>
      (await (
        await fetch(`${url}${path}`, {
          headers: { 'PLAID-CLIENT-ID': sim.clientId, 'PLAID-SECRET': sim.secret },
        })
      ).json()) as Record<string, unknown>;
    expect(await admin('/__sim/faults')).toMatchObject({ seed: 5 });
    expect(await admin('/__sim/config')).toMatchObject({
      expire_after_30_days: true,
      transactions_per_item: 20000,
    });
    expect((await admin(`/__sim/items/${item.item_id}`)).volume).toBeGreaterThan(1);
    let rows = 0;
    let cursor = '';
    for (let more = true; more;) {
      const { data } = await plaid.transactionsSync({ access_token: item.access_token, cursor, count: 500 });
      rows += data.added.length;
      cursor = data.next_cursor;
      more = data.has_more;
    }
    expect(rows).toBeGreaterThan(17_000);
    expect(rows).toBeLessThan(23_000);
  });

  it('refuses a fault that is not one', async () => {
    await expect(
      coffer(['--port', '0', '--fault', '{"endpoint":"*","rate":2,"kind":"hang"}']),
    ).rejects.toThrow(/--fault/);
  });
});
