import { readFileSync } from 'node:fs';
import { intFlag, credentialsFromEnv, stringFlag, UsageError, type Values } from '../args';
import type { Command } from '../command';
import { untilStopped } from '../signals';
import type { FaultConfig } from '../../../sim/index';

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export const simCommand: Command = {
  name: 'sim',
  summary: "run the Plaid simulator (Plaid's HTTP API and a Link stand-in) on 127.0.0.1",
  usage:
    'coffer sim [--port N] [--seed S] [--clock YYYY-MM-DD] [--state FILE] [--transactions N] [--fault JSON]... [--faults FILE] [--fault-seed N] [--expire-after-30-days]',
  optionsHelp: [
    '  --port N                port to listen on; 0 picks a free one (default 0)',
    '  --seed S                seed of the deterministic data generator (default: the fixed demo seed)',
    '  --clock YYYY-MM-DD      freeze the simulated clock at this date (default: follow the real date)',
    '  --state FILE            keep the simulator state (seeds, clock, ids; never tokens) in FILE',
    '  --transactions N        Items linked from now on get about N transactions over their history',
    '  --fault JSON            inject a fault, e.g. \'{"endpoint":"/transactions/sync","rate":0.2,',
    '                          "kind":"error","error_code":"INTERNAL_SERVER_ERROR"}' + "'; repeatable",
    '  --faults FILE           read faults from FILE: {"rules":[...],"seed":N} or a list of rules',
    '  --fault-seed N          seed of the fault sequence (default 1): same seed, same failures',
    "  --expire-after-30-days  Plaid Sandbox's ITEM_LOGIN_REQUIRED 30 days after each login",
    '',
    'Accepts the keys in PLAID_CLIENT_ID / PLAID_SECRET when set, else the demo keys, and prints them.',
    'Admin controls (clock, mutations, faults, webhooks) live under /__sim/ with the same keys.',
    'Runs until interrupted (Ctrl-C / SIGTERM).',
  ],
  options: {
    port: { type: 'string' },
    seed: { type: 'string' },
    clock: { type: 'string' },
    state: { type: 'string' },
    transactions: { type: 'string' },
    fault: { type: 'string', multiple: true },
    faults: { type: 'string' },
    'fault-seed': { type: 'string' },
    'expire-after-30-days': { type: 'boolean' },
  },
  async run(values, io) {
    const clock = stringFlag(values, 'clock') ?? null;
    if (clock !== null && !isCalendarDate(clock)) {
      throw new UsageError(`--clock must be a real date like 2025-01-31 (got '${clock}').`);
    }
    const { DEMO_CREDENTIALS, startSimulator } = await import('../../../sim/index');
    const keys = credentialsFromEnv() ?? DEMO_CREDENTIALS;
    const seedText = stringFlag(values, 'seed');
    const transactionsText = stringFlag(values, 'transactions');
    const sim = await startSimulator({
      port: intFlag(values, 'port', 0, 0, 65535),
      seed: seedText === undefined ? undefined : intFlag(values, 'seed', 0, 0, 2 ** 31 - 1),
      clientId: keys.clientId,
      secret: keys.secret,
      statePath: stringFlag(values, 'state') ?? null,
      clock,
      faults: await faultsFrom(values),
      transactionsPerItem:
        transactionsText === undefined ? null : intFlag(values, 'transactions', 0, 1, 10_000_000),
      expireAfter30Days: values['expire-after-30-days'] === true,
    });
    io.out(`listening on ${sim.url}`);
    io.out(`client_id=${sim.clientId} secret=${sim.secret}`);
    await untilStopped();
    await sim.close();
  },
};

/** --faults FILE, then every --fault, with --fault-seed over both. */
async function faultsFrom(values: Values): Promise<FaultConfig | undefined> {
  const { FaultConfig, FaultRule } = await import('../../../sim/index');
  const rules: FaultConfig['rules'] = [];
  let seed: number | undefined;
  const file = stringFlag(values, 'faults');
  if (file !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new UsageError(`--faults ${file}: ${(err as Error).message}`);
    }
    const parsed = FaultConfig.safeParse(Array.isArray(raw) ? { rules: raw } : raw);
    if (!parsed.success)
      throw new UsageError(`--faults ${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    rules.push(...parsed.data.rules);
    seed = parsed.data.seed;
  }
  const given = (values as Record<string, unknown>).fault;
  for (const text of Array.isArray(given) ? given : []) {
    let raw: unknown;
    try {
      raw = JSON.parse(String(text));
    } catch {
      throw new UsageError(`--fault must be JSON (got '${String(text)}').`);
    }
    const parsed = FaultRule.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(
        `--fault ${String(text)}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`,
      );
    }
    rules.push(parsed.data);
  }
  if (stringFlag(values, 'fault-seed') !== undefined) seed = intFlag(values, 'fault-seed', 1, 0, 2 ** 31 - 1);
  if (rules.length === 0) return undefined;
  return { rules, seed };
}
