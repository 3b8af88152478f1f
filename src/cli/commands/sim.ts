import { intFlag, credentialsFromEnv, stringFlag, UsageError } from '../args';
import type { Command } from '../command';
import { untilStopped } from '../signals';

export const simCommand: Command = {
  name: 'sim',
  summary: "run the Plaid simulator (Plaid's HTTP API and a Link stand-in) on 127.0.0.1",
  usage: 'coffer sim [--port N] [--seed S] [--clock YYYY-MM-DD] [--state FILE]',
  optionsHelp: [
    '  --port N                port to listen on; 0 picks a free one (default 0)',
    '  --seed S                seed of the deterministic data generator (default: the fixed demo seed)',
    '  --clock YYYY-MM-DD      freeze the simulated clock at this date (default: follow the real date)',
    '  --state FILE            keep the simulator state (seeds, clock, ids; never tokens) in FILE',
    '',
    'Accepts the keys in PLAID_CLIENT_ID / PLAID_SECRET when set, else the demo keys, and prints them.',
    'Runs until interrupted (Ctrl-C / SIGTERM).',
  ],
  options: {
    port: { type: 'string' },
    seed: { type: 'string' },
    clock: { type: 'string' },
    state: { type: 'string' },
  },
  async run(values, io) {
    const clock = stringFlag(values, 'clock') ?? null;
    if (clock !== null && !/^\d{4}-\d{2}-\d{2}$/.test(clock)) {
      throw new UsageError(`--clock must be a date like 2025-01-31 (got '${clock}').`);
    }
    const { DEMO_CREDENTIALS, startSimulator } = await import('../../../sim/index');
    const keys = credentialsFromEnv() ?? DEMO_CREDENTIALS;
    const seedText = stringFlag(values, 'seed');
    const sim = await startSimulator({
      port: intFlag(values, 'port', 0, 0, 65535),
      seed: seedText === undefined ? undefined : intFlag(values, 'seed', 0, 0, 2 ** 31 - 1),
      clientId: keys.clientId,
      secret: keys.secret,
      statePath: stringFlag(values, 'state') ?? null,
      clock,
    });
    io.out(`listening on ${sim.url}`);
    io.out(`client_id=${sim.clientId} secret=${sim.secret}`);
    await untilStopped();
    await sim.close();
  },
};
