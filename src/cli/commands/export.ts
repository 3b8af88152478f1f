/**
 * `coffer export <kind>`: the same exports as the app's Export view, into a file. Progress goes to
 * stderr so stdout carries only the result line.
 */
import path from 'node:path';
import { ExportKind, ExportRequest } from '../../shared/contract/exports';
import { commonFlags, stringFlag, UsageError, type Values } from '../args';
import type { Command } from '../command';
import { withCore } from '../core-session';

const KIND_SUMMARY: Record<ExportKind, string> = {
  transactions: 'write transactions to a CSV file (one row per split part)',
  'investment-transactions': 'write investment transactions (trades, dividends, fees…) to a CSV file',
  holdings: 'write the holdings at the end of the period, with cost basis, to a CSV file',
  'tax-summary':
    "write a year's tax figures (loan interest, dividends, interest, capital gains, fees, marked categories) with their rows (CSV)",
  hledger: 'write posted transactions as an hledger journal',
  beancount: 'write posted transactions as a beancount file',
};

function accounts(values: Values): string[] | undefined {
  const raw: unknown = (values as Record<string, unknown>).account;
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

function year(values: Values): number | undefined {
  const text = stringFlag(values, 'year');
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text)) throw new UsageError(`--year expects four digits, not '${text}'.`);
  return Number(text);
}

function date(values: Values, flag: string): string | undefined {
  const text = stringFlag(values, flag);
  if (text !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(text))
    throw new UsageError(`--${flag} expects a date as YYYY-MM-DD, not '${text}'.`);
  return text;
}

const RANGE_OPTIONS: Command['options'] = {
  year: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  account: { type: 'string', multiple: true },
  out: { type: 'string' },
  overwrite: { type: 'boolean' },
};

function kindCommand(kind: ExportKind): Command {
  return {
    name: `export ${kind}`,
    summary: KIND_SUMMARY[kind],
    usage: `coffer export ${kind} [--year YYYY | --from DATE --to DATE] [--account ID]... --out FILE [--overwrite]`,
    optionsHelp: [
      '  --year YYYY             one calendar year',
      '  --from DATE, --to DATE  an inclusive range (YYYY-MM-DD); without either: everything',
      '  --account ID            only this account (repeat for several)',
      ...(kind === 'holdings'
        ? ['', 'Holdings are those held at the end of the period (today without one).']
        : []),
      ...(kind === 'transactions' || kind === 'investment-transactions'
        ? [
            '  --bom                   start with a byte-order mark (Excel then reads UTF-8)',
            '',
            'Amounts are plain numbers in major units, negative = money out; one row per split part.',
          ]
        : []),
      '  --out FILE              the file to write (it appears whole or not at all)',
      '  --overwrite             replace FILE if it exists',
    ],
    options: {
      ...RANGE_OPTIONS,
      ...(kind === 'transactions' || kind === 'investment-transactions' ? { bom: { type: 'boolean' } } : {}),
    },
    async run(values, io) {
      const flags = commonFlags(values);
      const out = stringFlag(values, 'out');
      if (!out) throw new UsageError('--out FILE is required.');
      const raw = {
        kind,
        year: year(values),
        from: date(values, 'from'),
        to: date(values, 'to'),
        accountIds: accounts(values),
        bom: values.bom === true,
      };
      if (raw.year !== undefined && (raw.from !== undefined || raw.to !== undefined))
        throw new UsageError('Give either --year or --from/--to, not both.');
      if (raw.from !== undefined && raw.to !== undefined && raw.to < raw.from)
        throw new UsageError(`--to ${raw.to} is before --from ${raw.from}.`);
      const parsed = ExportRequest.safeParse(raw);
      if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'Invalid export request.');
      await withCore(
        flags,
        'cli',
        async (core) => {
          const stop = core.onEvent((name, payload) => {
            if (name === 'export.progress' && 'total' in payload)
              io.err(`exported ${payload.rows} of ${payload.total} rows`);
          });
          try {
            const prepared = core.exports.prepare(parsed.data);
            const r = await core.exports.writeAt(prepared, path.resolve(out), values.overwrite === true);
            io.out(`${kind} export written: ${r.path} (${r.rows} rows, ${r.bytes} bytes)`);
          } finally {
            stop();
          }
        },
        { readOnly: true },
      );
    },
  };
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write transactions, investments or a tax summary to CSV, or an hledger or beancount journal',
  usage: `coffer export <${ExportKind.options.join('|')}> [options]`,
  optionsHelp: ExportKind.options.map((k) => `  ${k.padEnd(22)}  ${KIND_SUMMARY[k]}`),
  // The options parse here too, so an unknown format is named as such, not as an unknown option.
  options: { ...RANGE_OPTIONS, bom: { type: 'boolean' } },
  positionals: ['format'],
  async run(values) {
    const format = String((values as Record<string, unknown>).format ?? '');
    throw new UsageError(`Unknown format '${format}': choose one of ${ExportKind.options.join(', ')}.`);
  },
  subcommands: ExportKind.options.map(kindCommand),
};
