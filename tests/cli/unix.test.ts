/**
 * Issue 19: a CLI that behaves like Unix tools. Output piped into `head` ends quietly with status 0;
 * bad numbers name the option and its range; every usage line lists every option; a failure is one
 * line naming what to fix, never a stack, an errno code or a schema message.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sim/index';
import { cofferBin, projectRoot } from '../e2e/support/processes';
import { runCli } from '../support/cli';
import {
  FIRST_PLATYPUS,
  forgetSecrets,
  openTestCore,
  SimAdmin,
  startTestSimulator,
  tempDir,
} from '../integration/helpers';

const cli = runCli;

const raw = /\bE[A-Z]{3,}\b|\bat .*:\d+:\d+|expected (string|number)|Too (big|small)|"code":/;

describe('coffer without data', () => {
  it('--version prints the version and exits 0', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(await cli(['--version'])).toEqual({ code: 0, out: [`coffer ${pkg.version}`], err: [] });
  });

  it.each([
    [['transactions', '--limit', '-5'], /--limit must be a whole number from 1 to 100000000 \(got '-5'\)/],
    [['transactions', '--limit', '99999999999999999999'], /--limit must be a whole number from 1 to/],
    [['transactions', '--limit', '2.5'], /--limit must be a whole number/],
    [['serve', '--port', '-1'], /--port must be a whole number from 0 to 65535 \(got '-1'\)/],
    [['serve', '--rate-limit', '-1'], /--rate-limit must be a whole number from 1 to 1000000 \(got '-1'\)/],
    [['sim', '--clock', '2026-13-45'], /--clock must be a real date like 2025-01-31 \(got '2026-13-45'\)/],
    [['sim', '--clock', '2026-02-30'], /--clock must be a real date/],
    [['accounts', '--data-dir', ''], /--data-dir must name a folder/],
  ])('%j answers one plain line and status 2', async (args, says) => {
    const res = await cli(args);
    expect(res.code).toBe(2);
    expect(res.err).toHaveLength(1);
    expect(res.err[0]).toMatch(says);
    expect(res.err[0]).not.toMatch(/ambiguous|--limit=-XYZ/);
    expect(res.out).toEqual([]);
  });

  it('names PLAID_ENV as the environment variable a bad environment came from', async () => {
    process.env.PLAID_ENV = 'staging';
    try {
      const res = await cli(['accounts']);
      expect(res.code).toBe(2);
      expect(res.err[0]).toMatch(
        /The environment variable PLAID_ENV must be demo, sandbox or production \(got 'staging'\)/,
      );
      const relay = await cli(['relay']);
      expect(relay.code).toBe(2);
      expect(relay.err[0]).toMatch(/the environment variable PLAID_ENV=staging has none/);
    } finally {
      delete process.env.PLAID_ENV;
    }
  });

  it('every usage line lists every option its help describes', async () => {
    const root = await cli(['--help']);
    const names = root.out
      .join('\n')
      .split('\n')
      .map((l) => /^ {2}([a-z-]+) {2,}/.exec(l)?.[1])
      .filter((n): n is string => n !== undefined);
    expect(names).toContain('recover');
    const missing: string[] = [];
    for (const name of names) {
      const help = (await cli([name, '--help'])).out.join('\n');
      const usage = help.split('\n')[0];
      const options = [...help.matchAll(/^ {2}(?:-\w, )?(--[a-z0-9-]+)/gm)].map((m) => m[1]);
      for (const option of options) if (!usage.includes(option)) missing.push(`${name}: ${option}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('coffer over a demo ledger', () => {
  let sim: RunningSimulator;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sim = await startTestSimulator();
    dataDir = tempDir('coffer-unix-');
    const core = await openTestCore({ dataDir, sim });
    await core.linkSandboxItem(FIRST_PLATYPUS);
    await core.close();
    env = { ...process.env, PLAID_CLIENT_ID: sim.clientId, PLAID_SECRET: sim.secret, D: dataDir, U: sim.url };
    delete env.PLAID_ENV;
  }, 120_000);

  afterAll(async () => {
    await forgetSecrets(dataDir);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await sim?.close();
  });

  const shell = (script: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn('bash', ['-c', script], { cwd: projectRoot, env: { ...env, COFFER: cofferBin } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('`coffer transactions | head -1` ends quietly with status 0', async () => {
    const res = await shell(
      'node "$COFFER" transactions --limit 5000 --data-dir "$D" --plaid-url "$U" | head -1; echo "status=${PIPESTATUS[0]}" >&2',
    );
    expect(res.stdout.trim().split('\n')).toHaveLength(1);
    expect(res.stderr.trim()).toBe('status=0');
  }, 60_000);

  it('--account with an unknown id says so', async () => {
    process.env.PLAID_CLIENT_ID = sim.clientId;
    process.env.PLAID_SECRET = sim.secret;
    try {
      const res = await cli([
        'transactions',
        '--account',
        'acc-nope',
        '--data-dir',
        dataDir,
        '--plaid-url',
        sim.url,
      ]);
      expect(res.code).toBe(1);
      expect(res.err).toEqual([
        expect.stringMatching(/no account with id 'acc-nope'; `coffer accounts` lists them/),
      ]);
      expect(res.out).toEqual([]);
    } finally {
      delete process.env.PLAID_CLIENT_ID;
      delete process.env.PLAID_SECRET;
    }
  });

  it('a failed sync prints one line, and no stack, errno or schema text', async () => {
    const admin = new SimAdmin(sim);
    await admin.request('POST', '/__sim/faults', {
      rules: [{ endpoint: '/transactions/sync', rate: 1, kind: 'error', error_code: 'ITEM_LOGIN_REQUIRED' }],
    });
    try {
      const res = await shell('node "$COFFER" sync --data-dir "$D" --plaid-url "$U"');
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      const lines = res.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^coffer sync: sync of \S+ failed: /);
      expect(lines[0]).not.toMatch(raw);
    } finally {
      await admin.request('POST', '/__sim/faults', { rules: [] });
    }
  }, 60_000);
});
