import path from 'node:path';
import type { AssetReportContent, AssetReportSummary } from '../../shared/contract/assets';
import { userMessage } from '../../shared/plaid-error';
import { CliError, commonFlags, intFlag, stringFlag, UsageError } from '../args';
import type { Command } from '../command';
import { call, withCore } from '../core-session';
import { formatMajor, tsv } from '../format';

const noOptions = {};

function summaryLine(r: AssetReportSummary): string {
  return tsv([
    r.assetReportId,
    r.status,
    r.daysRequested,
    r.items.map((i) => i.institutionName).join(', '),
    r.createdAt,
    r.generatedAt,
    r.error ? userMessage(r.error) : null,
  ]);
}

function contentLines(content: AssetReportContent): string[] {
  const lines = [`generated ${content.generatedAt}, ${content.daysRequested} days requested`];
  for (const item of content.items)
    for (const a of item.accounts)
      lines.push(
        tsv([
          item.institutionName,
          a.accountId,
          a.name,
          a.mask,
          `${a.type}/${a.subtype ?? ''}`,
          a.currentMinor === null ? null : formatMajor(a.currentMinor, a.currency),
          a.currency,
          `${a.daysAvailable} days`,
          `${a.transactions.length} transactions`,
          a.owners.join('; '),
        ]),
      );
  return lines;
}

const create: Command = {
  name: 'asset-report create',
  summary: 'ask Plaid for an Asset Report of one Item and wait until it is ready',
  usage: 'coffer asset-report create --item ITEM_ID [--days N]',
  optionsHelp: [
    '  --item ITEM_ID          the bank connection (coffer items); it must have Assets',
    '  --days N                days of history, 0–731 (default 60)',
  ],
  options: { item: { type: 'string' }, days: { type: 'string' } },
  async run(values, io) {
    const itemId = stringFlag(values, 'item');
    if (!itemId) throw new UsageError('Name the Item with --item.');
    const days = intFlag(values, 'days', 60, 0, 731);
    await withCore(commonFlags(values), 'cli', async (core) => {
      const { report } = await call(core, 'assets.create', { itemIds: [itemId], daysRequested: days });
      // No relay reaches the CLI: it asks Plaid, polling PRODUCT_NOT_READY within the policy's bound.
      await core.assetReports?.settle(report.assetReportId, true);
      const { report: after } = await call(core, 'assets.get', { assetReportId: report.assetReportId });
      io.out(summaryLine(after));
      if (after.status === 'failed')
        throw new CliError(`The Asset Report failed: ${userMessage(after.error)}`);
    });
  },
};

const list: Command = {
  name: 'asset-report list',
  summary: 'list Asset Reports with their status',
  usage: 'coffer asset-report list',
  optionsHelp: ['Columns: id, status, days requested, banks, created, generated, error.'],
  options: noOptions,
  async run(values, io) {
    await withCore(commonFlags(values), 'cli', async (core) => {
      const { reports } = await call(core, 'assets.list', {});
      for (const r of reports) io.out(summaryLine(r));
    });
  },
};

const get: Command = {
  name: 'asset-report get',
  summary: 'show an Asset Report: its accounts, balances, owners and days available',
  usage: 'coffer asset-report get REPORT_ID',
  optionsHelp: [],
  options: noOptions,
  positionals: ['REPORT_ID'],
  async run(values, io) {
    await withCore(commonFlags(values), 'cli', async (core) => {
      const { report, content } = await call(core, 'assets.get', { assetReportId: String(values.REPORT_ID) });
      io.out(summaryLine(report));
      if (content) for (const line of contentLines(content)) io.out(line);
    });
  },
};

const pdf: Command = {
  name: 'asset-report pdf',
  summary: 'save an Asset Report as PDF (written whole; never over a file without --overwrite)',
  usage: 'coffer asset-report pdf REPORT_ID --out FILE [--overwrite]',
  optionsHelp: [
    '  --out FILE              where to write the PDF',
    '  --overwrite             replace FILE if it exists',
  ],
  options: { out: { type: 'string' }, overwrite: { type: 'boolean' } },
  positionals: ['REPORT_ID'],
  async run(values, io) {
    const out = stringFlag(values, 'out');
    if (!out) throw new UsageError('Say where the PDF goes with --out FILE.');
    await withCore(commonFlags(values), 'cli', async (core) => {
      if (!core.assetReports) throw new CliError('This core cannot save Asset Reports.');
      const saved = await core.assetReports.saveTo(
        String(values.REPORT_ID),
        path.resolve(out),
        values.overwrite === true,
      );
      io.out(`${saved.path}\t${saved.bytes} bytes`);
    });
  },
};

const refresh: Command = {
  name: 'asset-report refresh',
  summary: 'ask Plaid for a fresh copy of an Asset Report (a new report; the old one stays until removed)',
  usage: 'coffer asset-report refresh REPORT_ID',
  optionsHelp: [],
  options: noOptions,
  positionals: ['REPORT_ID'],
  async run(values, io) {
    await withCore(commonFlags(values), 'cli', async (core) => {
      const { report } = await call(core, 'assets.refresh', { assetReportId: String(values.REPORT_ID) });
      await core.assetReports?.settle(report.assetReportId, true);
      const { report: after } = await call(core, 'assets.get', { assetReportId: report.assetReportId });
      io.out(summaryLine(after));
    });
  },
};

const remove: Command = {
  name: 'asset-report remove',
  summary: 'remove an Asset Report at Plaid and from the ledger',
  usage: 'coffer asset-report remove REPORT_ID',
  optionsHelp: [],
  options: noOptions,
  positionals: ['REPORT_ID'],
  async run(values, io) {
    await withCore(commonFlags(values), 'cli', async (core) => {
      await call(core, 'assets.remove', { assetReportId: String(values.REPORT_ID) });
      io.out(`removed ${String(values.REPORT_ID)}`);
    });
  },
};

export const assetReportCommand: Command = {
  name: 'asset-report',
  summary: 'Asset Reports: create, list, get, pdf, refresh, remove',
  usage: 'coffer asset-report create|list|get|pdf|refresh|remove …',
  optionsHelp: ["Run 'coffer asset-report <subcommand> --help' for each."],
  options: noOptions,
  subcommands: [create, list, get, pdf, refresh, remove],
  async run() {
    throw new UsageError('Name a subcommand: create, list, get, pdf, refresh or remove.');
  },
};

export const incomeCommand: Command = {
  name: 'income',
  summary: 'bank income by source: category, pay frequency, total and deposits',
  usage: 'coffer income [--json]',
  optionsHelp: [
    '  --json                  the report as one JSON object (amounts in minor units)',
    '',
    'Columns: institution, description, category, pay frequency, total, currency, deposits, first, last.',
  ],
  options: { json: { type: 'boolean' } },
  async run(values, io) {
    await withCore(commonFlags(values), 'cli', async (core) => {
      const { report } = await call(core, 'income.get', {});
      if (values.json === true) {
        io.out(JSON.stringify(report));
        return;
      }
      if (!report) {
        io.out('No bank shares income yet: add Income to a bank (coffer items add-product ITEM_ID income).');
        return;
      }
      for (const s of report.sources)
        io.out(
          tsv([
            s.institutionName,
            s.description,
            s.category,
            s.payFrequency,
            formatMajor(s.totalMinor, s.currency),
            s.currency,
            s.transactionCount,
            s.startDate,
            s.endDate,
          ]),
        );
      for (const t of report.totals)
        io.out(tsv(['total', formatMajor(t.amountMinor, t.currency), t.currency]));
    });
  },
};
