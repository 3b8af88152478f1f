/**
 * The simulator's own daily value of each investment account over the history window Plaid
 * returns (cash plus every position at that day's close), for tests of the app's value history.
 */
import { isoFromDay } from '../dates';
import type { SimulatorCore } from '../core';
import type { ItemRecord } from '../state';
import { isInvestmentAccount } from './account-keys';
import { portfolioFor } from './investments';
import { INVESTMENT_HISTORY_DAYS, scope } from './routes';

export function valuationsOf(core: SimulatorCore, found: ItemRecord) {
  const s = scope(core, found, undefined);
  const accounts = [];
  for (const { account, key } of s.accounts) {
    if (!isInvestmentAccount(key)) continue;
    const portfolio = portfolioFor(found.seed, found.institution_id, key);
    const valuations = [];
    for (let day = s.today - INVESTMENT_HISTORY_DAYS; day <= s.today; day++) {
      const { cash, total } = portfolio.valuationAt(day);
      valuations.push({ date: isoFromDay(day), value: total, cash });
    }
    accounts.push({ account_id: account.account_id, iso_currency_code: 'USD', valuations });
  }
  return { accounts };
}
