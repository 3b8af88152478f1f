/**
 * Asset Reports and bank income against the simulator (issue 16), each on an Item that lacked the
 * product: added through update mode with `products` (and the user_token for income), the report
 * polled through PRODUCT_NOT_READY within the policy's bound, shown, saved as a PDF that names its
 * owner, refreshed and removed; a bank without Assets and a failing report say so in words the
 * user can act on; a report outlives a restart of the simulator with a state file.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/services/core';
import type { LinkPresenter } from '../../src/main/services/core-types';
import { readOrCreateLedgerId } from '../../src/main/services/paths';
import { openKeychain } from '../../src/main/services/secrets/keychain';
import { assetReportTokenPurpose } from '../../src/main/services/secrets/store';
import type { RunningSimulator } from '../../sim/options';
import type { AssetReportContent, AssetReportSummary } from '../../src/shared/contract/assets';
import type { BankIncome } from '../../src/shared/contract/income';
import { call, FIRST_PLATYPUS, SimAdmin, simulatorSuite, startTestSimulator, openTestCore } from './helpers';

const HOUNDSTOOTH = 'ins_109512';
const suite = simulatorSuite();
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The policy's poll interval (5 s) shortened, so a 1.5 s report takes a few polls, not a minute. */
const quickPolls = { sleep: (ms: number) => realSleep(Math.min(ms, 400)) };

/** Link's stand-in walked over HTTP, as its page would: user_good, every account kept. */
function standInPresenter(sim: RunningSimulator, institutionId: string): LinkPresenter {
  const post = async (route: string, body: Record<string, unknown>) => {
    const res = await fetch(`${sim.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) return { error: json };
    return json;
  };
  return async (session) => {
    const token = { link_token: session.linkToken };
    const started = await post('/__link/session', token);
    const id = started.link_session_id as string;
    const login = await post('/__link/credentials', {
      ...token,
      link_session_id: id,
      institution_id: institutionId,
      username: 'user_good',
      password: 'pass_good',
    });
    const done = await post('/__link/complete', {
      ...token,
      link_session_id: id,
      account_ids: ((login.accounts ?? []) as { id: string }[]).map((a) => a.id),
    });
    if (done.error) return { kind: 'exit', error: done.error as never, metadata: { link_session_id: id } };
    return { kind: 'success', publicToken: done.public_token as string, metadata: done.metadata as never };
  };
}

async function linkedWithTransactionsOnly(core: Core, institutionId: string): Promise<string> {
  const outcome = await core.linkSandboxItem(institutionId, []);
  if (outcome.status !== 'linked') throw new Error('not linked');
  return outcome.itemId;
}

async function addProduct(core: Core, sim: RunningSimulator, itemId: string, product: string) {
  core.setLinkPresenter(standInPresenter(sim, FIRST_PLATYPUS));
  return call<{ path: string; linkStatus: string | null; product: { status: string } | null }>(
    core,
    'items.addProduct',
    { itemId, product },
  );
}

async function readyReport(core: Core, itemId: string, days = 30) {
  const { report } = await call<{ report: AssetReportSummary }>(core, 'assets.create', {
    itemIds: [itemId],
    daysRequested: days,
  });
  expect(report.status).toBe('pending');
  await core.assetReports!.settle(report.assetReportId, true);
  return call<{ report: AssetReportSummary; content: AssetReportContent | null }>(core, 'assets.get', {
    assetReportId: report.assetReportId,
  });
}

async function reportGets(admin: SimAdmin): Promise<number> {
  const { requests } = (await admin.request('GET', '/__sim/requests')) as {
    requests: Record<string, unknown[]>;
  };
  return (requests['/asset_report/get'] ?? []).length;
}

const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

describe('Asset Reports', () => {
  it('on an Item that lacked Assets: update mode adds it, the report is polled until ready, saved, refreshed, removed', async () => {
    const { core, dataDir } = await suite.freshCore({ testing: quickPolls });
    const itemId = await linkedWithTransactionsOnly(core, FIRST_PLATYPUS);
    const refused = await call(core, 'assets.create', { itemIds: [itemId], daysRequested: 30 }).catch(
      (e: Error) => e,
    );
    expect((refused as Error).message).toMatch(/add Assets to this bank first/);

    const added = await addProduct(core, suite.sim, itemId, 'assets');
    expect(added).toMatchObject({ path: 'update_mode', linkStatus: 'updated', product: { status: 'ready' } });

    const before = await reportGets(suite.admin);
    const { report, content } = await readyReport(core, itemId);
    // Plaid said PRODUCT_NOT_READY at least once and the poll stopped within the policy's bound.
    const polls = (await reportGets(suite.admin)) - before;
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(polls).toBeLessThanOrEqual(6);
    expect(report.status).toBe('ready');
    const accounts = content!.items[0]!.accounts;
    const checking = accounts.find((a) => a.subtype === 'checking')!;
    expect(checking.balances).toHaveLength(30);
    expect(checking.transactions.length).toBeGreaterThan(3);
    expect(checking.daysAvailable).toBe(30);
    const owner = checking.owners[0]!;
    expect(owner).toMatch(/\w+ \w+/);

    const out = path.join(suite.dataDir(), 'report.pdf');
    const saved = await core.assetReports!.saveTo(report.assetReportId, out, false);
    expect(saved.bytes).toBeGreaterThan(500);
    expect(pdfText(out)).toContain(owner);
    const firstBytes = fs.readFileSync(out);
    await expect(core.assetReports!.saveTo(report.assetReportId, out, false)).rejects.toMatchObject({
      code: 'EXPORT_EXISTS',
    });
    expect(fs.readFileSync(out)).toEqual(firstBytes);
    expect(fs.readdirSync(path.dirname(out)).filter((f) => f.endsWith('.partial'))).toEqual([]);

    const { report: fresh } = await call<{ report: AssetReportSummary }>(core, 'assets.refresh', {
      assetReportId: report.assetReportId,
    });
    expect(fresh.refreshedFrom).toBe(report.assetReportId);
    await core.assetReports!.settle(fresh.assetReportId, true);
    const { reports } = await call<{ reports: AssetReportSummary[] }>(core, 'assets.list');
    expect(reports.map((r) => [r.assetReportId, r.status]).sort()).toEqual(
      [
        [report.assetReportId, 'ready'],
        [fresh.assetReportId, 'ready'],
      ].sort(),
    );

    await call(core, 'assets.remove', { assetReportId: report.assetReportId });
    const after = await call<{ reports: AssetReportSummary[] }>(core, 'assets.list');
    expect(after.reports.map((r) => r.assetReportId)).toEqual([fresh.assetReportId]);
    const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
    expect(await store.get(assetReportTokenPurpose(report.assetReportId))).toBeNull();
    expect(await store.get(assetReportTokenPurpose(fresh.assetReportId))).toMatch(/^assets-sandbox-/);
  });

  it('a bank without Assets says so before Link opens, and creating a report is refused in words', async () => {
    const { core } = await suite.freshCore();
    const itemId = await linkedWithTransactionsOnly(core, HOUNDSTOOTH);
    const plan = await call<{ path: string; message: string }>(core, 'items.productPath', {
      itemId,
      product: 'assets',
    });
    expect(plan).toMatchObject({ path: 'unavailable' });
    expect(plan.message).toMatch(/Houndstooth Bank cannot provide Assets/);
    const refused = await call(core, 'assets.create', { itemIds: [itemId], daysRequested: 30 }).catch(
      (e: Error) => e,
    );
    expect((refused as Error).message).toMatch(/Houndstooth Bank does not share Assets/);
  });

  it('a report that fails shows Plaid’s display_message', async () => {
    const { core } = await suite.freshCore({ testing: quickPolls });
    const itemId = await linkedWithTransactionsOnly(core, FIRST_PLATYPUS);
    await addProduct(core, suite.sim, itemId, 'assets');
    await suite.admin.request('POST', `/__sim/items/${itemId}/asset-report-error`, {
      error_code: 'ASSET_REPORT_GENERATION_FAILED',
    });
    try {
      const { report, content } = await readyReport(core, itemId);
      expect(content).toBeNull();
      expect(report.status).toBe('failed');
      expect(report.error).toMatchObject({
        error_type: 'ASSET_REPORT_ERROR',
        error_code: 'ASSET_REPORT_GENERATION_FAILED',
      });
      expect(report.error!.display_message).toMatch(/could not be created/);
    } finally {
      await suite.admin.request('POST', `/__sim/items/${itemId}/asset-report-error`, { error_code: null });
    }
  });

  it('outlives a restart of the simulator with a state file', async () => {
    const statePath = path.join(suite.dataDir(), 'sim-state.json');
    const first = await startTestSimulator({ statePath });
    const credentials = { clientId: first.clientId, secret: first.secret };
    const dataDir = suite.dataDir();
    let reportId: string;
    try {
      const core = await openTestCore({ dataDir, sim: first, testing: quickPolls });
      try {
        const itemId = await linkedWithTransactionsOnly(core, FIRST_PLATYPUS);
        await addProduct(core, first, itemId, 'assets');
        const { report } = await call<{ report: AssetReportSummary }>(core, 'assets.create', {
          itemIds: [itemId],
          daysRequested: 14,
        });
        reportId = report.assetReportId;
      } finally {
        await core.close();
      }
    } finally {
      await first.close();
    }
    const second = await startTestSimulator({ statePath, ...credentials });
    try {
      const core = await openTestCore({ dataDir, sim: second, testing: quickPolls });
      try {
        await core.assetReports!.settle(reportId, true);
        const { report, content } = await call<{ report: AssetReportSummary; content: AssetReportContent }>(
          core,
          'assets.get',
          { assetReportId: reportId },
        );
        expect(report.status).toBe('ready');
        expect(content.items[0]!.accounts[0]!.balances).toHaveLength(14);
        const { bytes } = await core.assetReports!.pdf(reportId);
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      } finally {
        await core.close();
      }
    } finally {
      await second.close();
    }
  });
});

describe('bank income', () => {
  it('on an Item that lacked Income: update mode with the user_token, then sources with pay frequency and history', async () => {
    const { core, dataDir } = await suite.freshCore();
    const itemId = await linkedWithTransactionsOnly(core, FIRST_PLATYPUS);
    expect(await call(core, 'income.get')).toEqual({ report: null, itemIds: [] });

    const added = await addProduct(core, suite.sim, itemId, 'income');
    expect(added).toMatchObject({ path: 'update_mode', linkStatus: 'updated', product: { status: 'ready' } });

    const { report, itemIds } = await call<{ report: BankIncome; itemIds: string[] }>(core, 'income.get');
    expect(itemIds).toEqual([itemId]);
    const salary = report.sources.find((s) => s.category === 'SALARY')!;
    expect(salary).toMatchObject({ payFrequency: 'BIWEEKLY', itemId, currency: 'USD' });
    expect(salary.totalMinor).toBeGreaterThan(0);
    expect(salary.history.length).toBeGreaterThan(1);
    expect(salary.history.reduce((s, m) => s + m.amountMinor, 0)).toBe(salary.totalMinor);
    expect(report.totals).toEqual([
      { currency: 'USD', amountMinor: report.sources.reduce((s, x) => s + x.totalMinor, 0) },
    ]);
    // The user_token is a secret: in the keychain, never in the ledger's files.
    const { store } = await openKeychain(readOrCreateLedgerId(dataDir));
    const userToken = await store.get('plaid-user');
    expect(userToken).toMatch(/^user-sandbox-/);
  });
});
