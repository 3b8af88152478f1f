import { commonFlags } from '../args';
import type { Command } from '../command';
import { call, withCore } from '../core-session';
import { accountLine } from '../format';

export const accountsCommand: Command = {
  name: 'accounts',
  summary: 'list accounts, one tab-separated line each',
  usage: 'coffer accounts [--refresh]',
  optionsHelp: [
    '  --refresh               ask each bank for its balances now (/accounts/balance/get) first',
    '',
    'Columns: account_id, institution, name, mask, type, subtype, current, available, currency.',
  ],
  options: { refresh: { type: 'boolean' } },
  async run(values, io) {
    const refresh = values.refresh === true;
    await withCore(
      commonFlags(values),
      'cli',
      async (core) => {
        if (refresh) {
          const { items } = await call(core, 'items.list', {});
          for (const item of items.filter((i) => i.removedAt === null))
            await call(core, 'balances.refresh', { itemId: item.id });
        }
        const { accounts } = await call(core, 'accounts.list', {});
        for (const a of accounts) io.out(accountLine(a));
      },
      // Listing reads the ledger only; refreshing asks the banks.
      { readOnly: !refresh },
    );
  },
};
