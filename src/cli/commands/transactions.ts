import type { Transaction } from '../../shared/api';
import { CliError, commonFlags, intFlag, stringFlag } from '../args';
import type { Command } from '../command';
import { call, withCore } from '../core-session';
import { transactionJson, transactionLine } from '../format';

/** The contract caps a page at 1000 rows. */
const PAGE = 1000;

export const transactionsCommand: Command = {
  name: 'transactions',
  summary: 'list transactions, newest first, one tab-separated line each',
  usage: 'coffer transactions [--limit N] [--account ID] [--json]',
  optionsHelp: [
    '  --limit N               at most N transactions (default 100)',
    '  --account ID            only this account',
    '  --json                  one JSON object per line instead of tab-separated columns',
    '',
    'Columns: transaction_id, date, account name, name, amount (major units; positive = money out),',
    'currency, pending (true/false), category.',
  ],
  options: { limit: { type: 'string' }, account: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, io) {
    const flags = commonFlags(values);
    const limit = intFlag(values, 'limit', 100, 1, 100_000_000);
    const format = values.json === true ? transactionJson : transactionLine;
    const accountId = stringFlag(values, 'account') ?? null;
    await withCore(flags, 'cli', async (core) => {
      if (accountId !== null) {
        const { accounts } = await call(core, 'accounts.list', {});
        if (!accounts.some((a) => a.id === accountId)) {
          throw new CliError(`no account with id '${accountId}'; \`coffer accounts\` lists them.`);
        }
      }
      let after: string | null = null;
      let left = limit;
      while (left > 0) {
        const page: { transactions: Transaction[]; next: string | null } = await call(
          core,
          'transactions.list',
          {
            limit: Math.min(PAGE, left),
            after,
            accountId,
          },
        );
        for (const t of page.transactions.slice(0, left)) io.out(format(t));
        left -= page.transactions.length;
        if (page.next === null || page.transactions.length === 0) break;
        after = page.next;
      }
    });
  },
};
