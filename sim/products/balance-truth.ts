/**
 * `/__sim/truth/balances`: every account of an Item on one day, as a perfect client would hold
 * it. Transaction accounts are today's balance unwound by the postings after that day, so the
 * truth always agrees with the transactions the Item serves; investment and loan accounts come
 * from their models.
 */
import { dayFromIso, isIsoDate, isoFromDay } from '../dates';
import { PlaidApiError } from '../errors';
import type { SimulatorCore } from '../core';
import type { ItemRecord } from '../state';
import { snapshotAt } from '../view';
import { accountsSpecOf, itemAccountsAt, keyOfAccount } from './accounts';
import { balanceHistory } from './asset-report';

export function balancesOn(core: SimulatorCore, item: ItemRecord, date: string | null) {
  const today = core.today();
  if (date !== null && !isIsoDate(date))
    throw new PlaidApiError('INVALID_FIELD', 'date must be a date in the format YYYY-MM-DD');
  const day = date === null ? today : dayFromIso(date);
  if (day > today) throw new PlaidApiError('INVALID_FIELD', 'date must not be after the simulated today');
  const data = core.dataSpec(item);
  const spec = accountsSpecOf(item);
  const transactions = data.templates.length ? snapshotAt(data, today).transactions : [];
  return {
    item_id: item.item_id,
    date: isoFromDay(day),
    accounts: itemAccountsAt(spec, data, today).map((account) => {
      const key = keyOfAccount(spec, account.account_id);
      const posted = transactions
        .filter((v) => v.transaction.account_id === account.account_id && !v.transaction.pending)
        .map((v) => v.transaction);
      const history = key ? balanceHistory(item, key, account, posted, today, day - 1) : [];
      const onDay = history[history.length - 1];
      return {
        account_id: account.account_id,
        type: account.type,
        subtype: account.subtype,
        current: onDay?.current ?? account.balances.current,
        iso_currency_code: account.balances.iso_currency_code,
      };
    }),
  };
}
