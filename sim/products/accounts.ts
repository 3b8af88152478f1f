/**
 * An Item's accounts on a day: the transaction-bearing ones from the household generator's view,
 * investment accounts valued from their portfolios, loans at their amortized balances.
 */
import type { Day } from '../dates';
import { roundCents } from '../prng';
import type { ItemRecord } from '../state';
import { snapshotAt, type ItemDataSpec, type PlaidAccount } from '../view';
import {
  accountIdOf,
  accountShape,
  isInvestmentAccount,
  isTransactionAccount,
  type AccountKey,
  type ProductAccountKey,
} from './account-keys';
import { portfolioFor } from './investments';
import { liabilityScenarioOf, loanFor } from './liabilities';
import type { LiabilityScenario } from './liability-scenario';

/** What decides an Item's accounts beyond its transactions. */
export interface AccountsSpec {
  itemId: string;
  seed: number;
  institutionId: string;
  keys: readonly AccountKey[];
  liabilities: LiabilityScenario;
}

function productAccount(spec: AccountsSpec, key: ProductAccountKey, day: Day): PlaidAccount {
  const shape = accountShape(key);
  let available: number | null = null;
  let current: number;
  if (isInvestmentAccount(key)) {
    const state = portfolioFor(spec.seed, spec.institutionId, key).valuationAt(day);
    current = state.total;
    available = state.cash;
  } else {
    current = loanFor(spec.seed, spec.institutionId, key, spec.liabilities).statusAt(day).balance;
  }
  return {
    account_id: accountIdOf(spec.itemId, key),
    balances: {
      available: available === null ? null : roundCents(available),
      current: roundCents(current),
      limit: null,
      iso_currency_code: 'USD',
      unofficial_currency_code: null,
    },
    holder_category: 'personal',
    mask: shape.mask,
    name: shape.name,
    official_name: shape.official_name,
    subtype: shape.subtype,
    type: shape.type,
  };
}

/** All of an Item's accounts on a day, transaction-bearing ones first (as /accounts/get lists them). */
export function itemAccountsAt(spec: AccountsSpec, data: ItemDataSpec, day: Day): PlaidAccount[] {
  const fromTransactions = data.templates.length ? snapshotAt(data, day).accounts : [];
  const others = spec.keys
    .filter((k): k is ProductAccountKey => !isTransactionAccount(k))
    .map((k) => productAccount(spec, k, day));
  return [...fromTransactions, ...others];
}

export function accountsSpecOf(item: ItemRecord): AccountsSpec {
  return {
    itemId: item.item_id,
    seed: item.seed,
    institutionId: item.institution_id,
    keys: item.account_templates,
    liabilities: liabilityScenarioOf(item),
  };
}

/** Which of the Item's accounts an account id names. */
export function keyOfAccount(spec: AccountsSpec, accountId: string): AccountKey | undefined {
  return spec.keys.find((k) => accountIdOf(spec.itemId, k) === accountId);
}
