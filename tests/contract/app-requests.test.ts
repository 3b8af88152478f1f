/**
 * The app's own Plaid requests, as the core sends them through the SDK, checked against Plaid's
 * OpenAPI request schemas: the simulator records every body it receives, and each must conform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { RunningSimulator } from '../../sim/index';
import type { Core } from '../../src/main/services/core';
import { call, FIRST_PLATYPUS, openTestCore, startTestSimulator, tempDir } from '../integration/helpers';
import { fetchRecordedRequests, loadSpec, requestContractViolations } from './openapi';

describe("the app's requests to Plaid", () => {
  let sim: RunningSimulator;
  let core: Core;
  let dataDir: string;

  beforeAll(async () => {
    sim = await startTestSimulator();
    dataDir = tempDir();
    core = await openTestCore({ dataDir, sim });
  });

  afterAll(async () => {
    await core?.close();
    await sim?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('conform to the spec for link, exchange, accounts, institution and sync', async () => {
    // link.open creates a link token; the user then closes Link.
    core.setLinkPresenter(async () => ({ kind: 'exit', error: null, metadata: { status: null } }));
    expect(await call(core, 'link.open')).toMatchObject({ status: 'exited' });
    const linked = await core.linkSandboxItem(FIRST_PLATYPUS);
    expect(linked.status).toBe('linked');
    await call(core, 'sync.run', {});

    const recorded = await fetchRecordedRequests(sim.url, sim.clientId, sim.secret);
    expect(Object.keys(recorded).sort()).toEqual(
      expect.arrayContaining([
        '/accounts/get',
        '/item/public_token/exchange',
        '/link/token/create',
        '/sandbox/public_token/create',
        '/transactions/sync',
      ]),
    );
    // Plaid's history default is 90 days and cannot be raised later: the app must ask for 730.
    const linkToken = recorded['/link/token/create']![0]!.body as {
      transactions?: { days_requested?: number };
    };
    expect(linkToken.transactions?.days_requested).toBe(730);
    const sync = recorded['/transactions/sync']!.map((r) => r.body as { count?: number });
    expect(sync.every((b) => b.count === 500)).toBe(true);
    const spec = loadSpec();
    expect(requestContractViolations(recorded, spec), `spec: ${spec.file} (${spec.version})`).toEqual([]);
  });
});
