import { commonFlags } from '../args';
import type { Command } from '../command';
import { call, withCore } from '../core-session';
import { accountLine } from '../format';

export const accountsCommand: Command = {
  name: 'accounts',
  summary: 'list accounts, one tab-separated line each',
  usage: 'coffer accounts',
  optionsHelp: ['Columns: account_id, institution, name, mask, type, subtype, current, available, currency.'],
  options: {},
  async run(values, io) {
    await withCore(
      commonFlags(values),
      'cli',
      async (core) => {
        const { accounts } = await call(core, 'accounts.list', {});
        for (const a of accounts) io.out(accountLine(a));
      },
      { readOnly: true },
    );
  },
};
