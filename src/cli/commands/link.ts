import { commonFlags, CliError, stringFlag } from '../args';
import type { Command } from '../command';
import { describeFailure, withCore } from '../core-session';
import { syncSummary } from './sync';

export const linkCommand: Command = {
  name: 'link',
  summary: 'link a test Item without the Link UI (demo and sandbox only)',
  usage: 'coffer link [--institution ID]',
  optionsHelp: ['  --institution ID        institution to link (default ins_109508, First Platypus Bank)'],
  options: { institution: { type: 'string' } },
  async run(values, io) {
    const flags = commonFlags(values);
    if (flags.environment === 'production') {
      throw new CliError('coffer link works in demo and sandbox only; link real banks in the app.');
    }
    const institution = stringFlag(values, 'institution') ?? 'ins_109508';
    await withCore(
      flags,
      'cli',
      async (core) => {
        const outcome = await core.linkSandboxItem(institution);
        if (outcome.status === 'exited') {
          throw new CliError(
            outcome.error ? describeFailure({ message: '', plaid: outcome.error }) : 'Link was cancelled.',
          );
        }
        io.out(`linked ${outcome.itemId} (${outcome.institutionName}): ${outcome.accounts} accounts`);
        if (outcome.sync) io.out(syncSummary(outcome.sync));
        for (const notice of core.info().notices) io.err(`note: ${notice}`);
        if (outcome.sync?.status === 'error' && outcome.sync.error) {
          throw new CliError(
            `linked, but the first sync failed: ${describeFailure({ message: '', plaid: outcome.sync.error })}`,
          );
        }
      },
      { create: true },
    );
  },
};
