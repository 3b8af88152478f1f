/** coffer holdings, coffer investment-transactions and coffer performance. */
import type { CallResponse } from '../../shared/api';
import {
  INVESTMENT_PAGE_MAX,
  type InvestmentTransaction,
  type InvestmentTransactionCursor,
} from '../../shared/contract/portfolio';
import { IsoDate } from '../../shared/contract/primitives';
import { commonFlags, stringFlag, UsageError, type Values } from '../args';
import type { Core } from '../../main/services/core-types';
import type { Command } from '../command';
import { call, withCore } from '../core-session';
import {
  holdingJson,
  holdingLine,
  investmentTransactionJson,
  investmentTransactionLine,
  performanceJson,
  performanceLines,
} from './portfolio-format';

const JSON_HELP = '  --json                  one JSON object per line instead of tab-separated columns';

export const holdingsCommand: Command = {
  name: 'holdings',
  summary: 'list investment holdings per account, cash included, one line each',
  usage: 'coffer holdings [--json]',
  optionsHelp: [
    JSON_HELP,
    '',
    'Columns: account, ticker (cash for the cash position), name, quantity, price, price date, value,',
    'cost basis (total), unrealised gain, gain %, weight % in the account, currency.',
  ],
  options: { json: { type: 'boolean' } },
  async run(values, io) {
    const format = values.json === true ? holdingJson : holdingLine;
    await withCore(commonFlags(values), 'cli', async (core) => {
      const { accounts } = await call(core, 'portfolio.holdings', {});
      for (const a of accounts) for (const h of a.holdings) io.out(format(h));
    });
  },
};

function dateFlag(values: Values, name: string): string | null {
  const text = stringFlag(values, name);
  if (text === undefined) return null;
  if (!IsoDate.safeParse(text).success || Number.isNaN(Date.parse(`${text}T00:00:00Z`)))
    throw new UsageError(`--${name} must be a date as YYYY-MM-DD (got '${text}').`);
  return text;
}

/** Every investment transaction the filter matches, newest first, read a page at a time. */
export async function* everyInvestmentTransaction(
  core: Core,
  filter: { from: string | null; to: string | null },
  pageSize = INVESTMENT_PAGE_MAX,
): AsyncGenerator<InvestmentTransaction> {
  let after: InvestmentTransactionCursor | null = null;
  do {
    const page: CallResponse<'portfolio.transactions'> = await call(core, 'portfolio.transactions', {
      ...filter,
      limit: pageSize,
      after,
    });
    yield* page.transactions;
    after = page.next;
  } while (after);
}

export const investmentTransactionsCommand: Command = {
  name: 'investment-transactions',
  summary: 'list investment transactions, newest first, one line each',
  usage: 'coffer investment-transactions [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
  optionsHelp: [
    '  --from D                only on or after this date',
    '  --to D                  only on or before this date',
    JSON_HELP,
    '',
    "Columns: id, date, account, Plaid's subtype, ticker or security, quantity, price, amount (positive =",
    'cash out of the account), fees, currency.',
  ],
  options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, io) {
    const from = dateFlag(values, 'from');
    const to = dateFlag(values, 'to');
    if (from && to && from > to) throw new UsageError(`--from (${from}) is after --to (${to}).`);
    const format = values.json === true ? investmentTransactionJson : investmentTransactionLine;
    await withCore(commonFlags(values), 'cli', async (core) => {
      for await (const t of everyInvestmentTransaction(core, { from, to })) io.out(format(t));
    });
  },
};

export const performanceCommand: Command = {
  name: 'performance',
  summary: 'time-weighted and money-weighted returns per account and in total, per period',
  usage: 'coffer performance [--json]',
  optionsHelp: [
    JSON_HELP,
    '',
    'Columns: account (or the total per currency), currency, period (1M, 3M, YTD, 1Y, ALL), from, to,',
    'quality (exact, estimated, unavailable), TWR %, XIRR % a year, reason when a figure is missing.',
  ],
  options: { json: { type: 'boolean' } },
  async run(values, io) {
    const format = values.json === true ? performanceJson : performanceLines;
    await withCore(commonFlags(values), 'cli', async (core) => {
      const { series } = await call(core, 'portfolio.performance', {});
      for (const s of series) for (const line of format(s)) io.out(line);
    });
  },
};
