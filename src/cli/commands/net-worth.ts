import { commonFlags, stringFlag } from '../args';
import type { Command } from '../command';
import { call, withCore } from '../core-session';
import { formatMajor, tsv } from '../format';

export const netWorthCommand: Command = {
  name: 'net-worth',
  summary: 'net worth per day and per currency, one tab-separated line each',
  usage: 'coffer net-worth [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
  optionsHelp: [
    '  --from DATE             first day (default: the first day with a balance)',
    '  --to DATE               last day (default: today)',
    '  --json                  one JSON object per line instead of tab-separated columns',
    '',
    'Columns: date, currency, assets, liabilities, net worth (major units). Currencies are never',
    'added together: a day with accounts in two currencies has two lines.',
  ],
  options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, io) {
    await withCore(commonFlags(values), 'cli', async (core) => {
      const { days } = await call(core, 'netWorth.series', {
        from: stringFlag(values, 'from') ?? null,
        to: stringFlag(values, 'to') ?? null,
      });
      for (const d of days) {
        const money = [d.assetsMinor, d.liabilitiesMinor, d.netWorthMinor].map((m) =>
          formatMajor(m, d.currency),
        );
        io.out(
          values.json === true
            ? JSON.stringify({
                date: d.date,
                currency: d.currency,
                assets: money[0],
                liabilities: money[1],
                net_worth: money[2],
              })
            : tsv([d.date, d.currency, ...money]),
        );
      }
    });
  },
};
