/**
 * The balances and net-worth calls. Reads bring the daily balances up to today first (the days
 * since the last sync follow the last snapshot), so a ledger opened days later still ends today.
 */
import type { netWorthCalls } from '../../../shared/contract/net-worth';
import type { CoreContext } from '../context';
import type { ApiHandlers } from '../core-types';
import { AppError } from '../errors';
import { refreshBalances } from '../ingest/balances/syncer';
import { getItem } from '../items/store';
import { itemTokenPurpose } from '../secrets/store';
import { refreshDirtyBalances, markSnapshotDirty } from './daily-balances';
import { maxDate } from './days';
import { createManualAsset, listManualAssets, removeManualAsset, setManualValue } from './manual-assets';
import { breakdownOn, historySpan, netWorthSeries } from './series';
import { latestSnapshots, ledgerToday } from './snapshots';
import type { AccountValueSource } from './value-source';

type NetWorthCalls = keyof typeof netWorthCalls;

export interface NetWorthServiceDeps {
  ctx: CoreContext;
  now?: () => number;
  sources?: readonly AccountValueSource[];
}

export function createNetWorthService({ ctx, now = Date.now, sources = [] }: NetWorthServiceDeps): {
  handlers: Pick<ApiHandlers, NetWorthCalls>;
} {
  const { ledger } = ctx;
  const changed = (reason: string) => ctx.emit('ledger.changed', { reason });

  const today = () => ledgerToday(ledger, now());

  const bringUpToDate = () => {
    const day = today();
    const behind = ledger.db
      .prepare(
        `SELECT account_id, max(date) AS last FROM daily_balances GROUP BY account_id HAVING max(date) < ?`,
      )
      .all(day) as { account_id: string; last: string }[];
    if (behind.length === 0) return day;
    ledger.write(() => {
      for (const b of behind) markSnapshotDirty(ledger, [b.account_id], b.last);
    });
    refreshDirtyBalances(ledger, { today: day, sources });
    return day;
  };

  return {
    handlers: {
      'balances.latest': async () => ({ balances: latestSnapshots(ledger) }),
      'balances.refresh': async ({ itemId }) => {
        if (!getItem(ledger, itemId))
          throw new AppError('NOT_FOUND', `No Item with id ${itemId} in this ledger.`);
        const token = await ctx.secrets.get(itemTokenPurpose(itemId));
        if (!token)
          throw new AppError(
            'ACCESS_TOKEN_MISSING',
            'The keychain holds no access token for this bank connection; link the bank again.',
          );
        ctx.redactor.add(token);
        const balances = await ctx.lock.with(() =>
          refreshBalances(ledger, ctx.plaid, itemId, token, { now, sources }),
        );
        changed('balances');
        return { balances };
      },
      'netWorth.series': async (req) => {
        const day = bringUpToDate();
        const span = historySpan(ledger);
        if (!span) return { from: null, to: null, days: [] };
        const from = req.from ?? span.from;
        const to = req.to ?? maxDate(span.to, day);
        return { from, to, days: netWorthSeries(ledger, from, to) };
      },
      'netWorth.breakdown': async (req) => {
        const date = req.date ?? bringUpToDate();
        return { date, ...breakdownOn(ledger, date) };
      },
      'manualAssets.list': async () => ({ assets: listManualAssets(ledger) }),
      'manualAssets.create': async (req) => {
        const id = createManualAsset(ledger, req);
        changed('manual-assets');
        return { id };
      },
      'manualAssets.setValue': async (req) => {
        setManualValue(ledger, req.assetId, req.date, req.valueMinor);
        changed('manual-assets');
        return {};
      },
      'manualAssets.remove': async (req) => {
        removeManualAsset(ledger, req.assetId);
        changed('manual-assets');
        return {};
      },
    },
  };
}
