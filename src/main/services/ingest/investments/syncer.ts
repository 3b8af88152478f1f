/**
 * The investments syncer: Plaid's holdings and 24 months of investment transactions (offset pages
 * to the end), kept raw and processed by process.ts. Items without an investment account are
 * skipped without a call, so a bank that holds none stays healthy and shows an empty portfolio.
 */
import { shiftIsoDate } from '../../../../shared/iso-date';
import type { Ledger } from '../../ledger/ledger';
import { stmt } from '../../ledger/statements';
import { snapshotSyncer, type ProductSyncer, type SyncJob } from '../syncer';
import { processInvestments } from './process';
import { z } from 'zod';
import { RawInvestments, RawInvestmentTransaction, RawSecurity } from './raw';

/** Plaid returns up to 24 months of investment transactions. */
export const INVESTMENT_HISTORY_DAYS = 730;
const PAGE_SIZE = 500;

const PageAnswer = z.object({
  investment_transactions: z.array(RawInvestmentTransaction),
  securities: z.array(RawSecurity),
  total_investment_transactions: z.number().int().min(0),
});

/**
 * The institution's today: the newest price date in the holdings, since the bank's clock (and a
 * simulator's) may be ahead of this machine's; asking for less would miss the newest trades.
 */
function institutionToday(
  holdings: readonly { institution_price_as_of?: string | null }[],
  securities: readonly RawSecurity[],
  machineToday: string,
): string {
  let today = machineToday;
  for (const d of [
    ...holdings.map((h) => h.institution_price_as_of),
    ...securities.map((s) => s.close_price_as_of),
  ])
    if (d && d > today) today = d;
  return today;
}

async function fetchInvestments(job: SyncJob): Promise<RawInvestments> {
  const holdingsAnswer = await job.plaid.investmentsHoldingsGet(job.accessToken);
  const holdings = RawInvestments.shape.holdings.parse(holdingsAnswer);
  const endDate = institutionToday(
    holdings.holdings,
    holdings.securities,
    new Date().toISOString().slice(0, 10),
  );
  const startDate = shiftIsoDate(endDate, -INVESTMENT_HISTORY_DAYS);
  const count = job.pageSize ? Math.min(Math.max(job.pageSize, 1), PAGE_SIZE) : PAGE_SIZE;
  const transactions: RawInvestmentTransaction[] = [];
  const securities = new Map<string, RawSecurity>();
  let total = Infinity;
  while (transactions.length < total) {
    const page = await job.plaid.investmentsTransactionsGet(
      job.accessToken,
      { startDate, endDate },
      { offset: transactions.length, count },
    );
    const parsed = PageAnswer.parse(page);
    total = parsed.total_investment_transactions;
    transactions.push(...parsed.investment_transactions);
    for (const s of parsed.securities) securities.set(s.security_id, s);
    // An empty page before the total: Plaid's total moved; stop rather than loop.
    if (parsed.investment_transactions.length === 0) break;
  }
  return {
    holdings: { holdings: holdings.holdings, securities: holdings.securities },
    transactions: {
      startDate,
      endDate,
      investment_transactions: transactions,
      securities: [...securities.values()],
    },
  };
}

export const investmentsSnapshot = snapshotSyncer<RawInvestments>({
  product: 'investments',
  fetch: fetchInvestments,
  parse: (kept) => RawInvestments.parse(kept),
  process: processInvestments,
});

export function hasInvestmentAccounts(ledger: Ledger, itemId: string): boolean {
  return (
    stmt(ledger.db, `SELECT 1 FROM accounts WHERE item_id = ? AND type = 'investment' LIMIT 1`).get(
      itemId,
    ) !== undefined
  );
}

export const investmentsSyncer: ProductSyncer = {
  product: 'investments',
  async sync(job) {
    // The runner's product gate has checked the product is on the Item or consented to (without
    // consent Plaid answers ADDITIONAL_CONSENT_REQUIRED); only Items with an investment account
    // can hold any investments, so the others cost no call.
    if (!hasInvestmentAccounts(job.ledger, job.itemId))
      return { pages: 0, added: 0, modified: 0, removed: 0, restarts: 0 };
    return investmentsSnapshot.sync(job);
  },
};
