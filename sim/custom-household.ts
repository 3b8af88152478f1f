/**
 * user_custom's accounts: the transactions and balances a UserCustomPassword's override_accounts
 * spell out, served through the same view as generated households (it asks this for the events
 * of an account on a day, and for its opening balance). A transaction posted in the future is
 * pending until that day.
 */
import { z } from 'zod';
import { dayFromIso, type Day } from './dates';
import { PlaidApiError } from './errors';
import type { AccountTemplateKey, Payee, SimEvent } from './generator';
import { IsoDate } from './requests';
import type { CustomAccount } from './sandbox-credentials';

export const CustomAccountRecord = z.strictObject({
  template: z.enum(['checking', 'savings', 'credit']),
  name: z.string(),
  official_name: z.string().nullable(),
  mask: z.string(),
  subtype: z.string(),
  limit: z.number().nullable(),
  starting_balance: z.number(),
  transactions: z.array(
    z.strictObject({
      date_transacted: IsoDate,
      date_posted: IsoDate,
      amount: z.number(),
      description: z.string(),
    }),
  ),
});
export type CustomAccountRecord = z.infer<typeof CustomAccountRecord>;

export interface AccountLook {
  name: string;
  official_name: string | null;
  mask: string;
  subtype: string;
  limit: number | null;
}

/** Fits override_accounts onto the Item's account slots: a checking, a savings and a card. */
export function customAccountRecords(accounts: readonly CustomAccount[]): CustomAccountRecord[] {
  const taken = new Set<AccountTemplateKey>();
  return accounts.map((a, i) => {
    const template: AccountTemplateKey | null =
      a.type === 'credit'
        ? 'credit'
        : a.type === 'depository'
          ? a.subtype === 'savings'
            ? 'savings'
            : 'checking'
          : null;
    if (!template || taken.has(template)) {
      throw new PlaidApiError(
        'INVALID_CREDENTIALS',
        `user_custom override_accounts[${i}]: the simulator supports one checking, one savings and one credit account`,
      );
    }
    taken.add(template);
    const defaults = {
      checking: ['Checking', '0000'],
      savings: ['Savings', '1111'],
      credit: ['Credit Card', '3333'],
    }[template];
    return {
      template,
      name: a.meta?.name ?? `Custom ${defaults[0]}`,
      official_name: a.meta?.official_name ?? null,
      mask: a.meta?.mask ?? defaults[1]!,
      subtype: a.subtype ?? (template === 'credit' ? 'credit card' : template),
      limit: a.meta?.limit ?? null,
      starting_balance: a.starting_balance ?? 0,
      transactions: (a.transactions ?? []).map((t) => ({
        date_transacted: t.date_transacted,
        date_posted: t.date_posted < t.date_transacted ? t.date_transacted : t.date_posted,
        amount: t.amount,
        description: t.description,
      })),
    };
  });
}

function payeeOf(description: string, amount: number): Payee {
  return {
    name: description,
    merchantName: null,
    description,
    category:
      amount < 0
        ? ['TRANSFER_IN', 'TRANSFER_IN_DEPOSIT']
        : ['GENERAL_MERCHANDISE', 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE'],
    channel: 'other',
    website: null,
    counterparty: null,
    transactionType: 'unresolved',
  };
}

export class CustomHousehold {
  private readonly byDay = new Map<string, SimEvent[]>();
  private readonly accounts = new Map<AccountTemplateKey, CustomAccountRecord>();

  constructor(records: readonly CustomAccountRecord[]) {
    for (const account of records) {
      this.accounts.set(account.template, account);
      account.transactions.forEach((t, i) => {
        const authDay = dayFromIso(t.date_transacted);
        const key = `${account.template}|${authDay}`;
        const list = this.byDay.get(key) ?? [];
        list.push({
          slot: `${account.template}:${authDay}:custom-${i}`,
          template: account.template,
          kind: t.amount < 0 ? 'income' : 'purchase',
          authDay,
          lag: dayFromIso(t.date_posted) - authDay,
          amount: t.amount,
          pendingAmount: t.amount,
          payee: payeeOf(t.description, t.amount),
          place: null,
          paymentMeta: {},
          seqInDay: list.length,
          tipAfter: null,
          cleanupAfter: null,
          vanishAfter: null,
        });
        this.byDay.set(key, list);
      });
    }
  }

  eventsOn(template: AccountTemplateKey, day: Day): SimEvent[] {
    return this.byDay.get(`${template}|${day}`) ?? [];
  }

  openingBalance(template: AccountTemplateKey, _firstDay?: Day): number {
    return this.accounts.get(template)?.starting_balance ?? 0;
  }

  look(template: AccountTemplateKey): AccountLook | null {
    const a = this.accounts.get(template);
    return a
      ? { name: a.name, official_name: a.official_name, mask: a.mask, subtype: a.subtype, limit: a.limit }
      : null;
  }
}

const households = new Map<string, CustomHousehold>();

/** One parsed household per Item (its configuration never changes after Link). */
export function customHouseholdFor(itemId: string, records: readonly CustomAccountRecord[]): CustomHousehold {
  let household = households.get(itemId);
  if (!household) {
    if (households.size > 256) households.clear();
    household = new CustomHousehold(records);
    households.set(itemId, household);
  }
  return household;
}
