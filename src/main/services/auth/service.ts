/**
 * The Auth calls. `auth.accounts` reads the ledger only (the accounts' masks); `auth.reveal` asks
 * Plaid for one account's numbers each time the user asks and hands them back: they are not kept,
 * not logged (registered with the redactor in case an error ever carried one) and not emitted.
 */
import type { authIdentityCalls } from '../../../shared/contract/auth-identity';
import type { CoreContext } from '../context';
import type { ApiHandlers } from '../core-types';
import { AppError } from '../errors';
import { archivedAccountIds, connectedItemIds } from '../items/lifecycle-store';
import { productState } from '../items/product-status';
import { getItem, listAccounts } from '../items/store';
import { numbersOfAccount, secretsOf } from './numbers';

type AuthCalls = Extract<keyof typeof authIdentityCalls, `auth.${string}`>;

/** Auth serves deposit accounts (checking, savings, money market…). */
const AUTH_TYPE = 'depository';

export function createAuthService(
  ctx: CoreContext,
  accessToken: (itemId: string) => Promise<{ accessToken: string }>,
): Pick<ApiHandlers, AuthCalls> {
  const { ledger } = ctx;
  return {
    'auth.accounts': async () => {
      const archived = archivedAccountIds(ledger);
      const accounts = listAccounts(ledger).filter((a) => a.type === AUTH_TYPE && !archived.has(a.id));
      return {
        items: connectedItemIds(ledger).map((itemId) => ({
          itemId,
          institutionName: getItem(ledger, itemId)?.institutionName ?? '',
          auth: productState(ledger, itemId, 'auth'),
          accounts: accounts
            .filter((a) => a.itemId === itemId)
            .map((a) => ({ accountId: a.id, accountName: a.name, subtype: a.subtype, mask: a.mask })),
        })),
      };
    },
    'auth.reveal': async ({ accountId }) => {
      const account = listAccounts(ledger).find((a) => a.id === accountId);
      if (!account) throw new AppError('NOT_FOUND', `No account with id ${accountId} in this ledger.`);
      const { accessToken: token } = await accessToken(account.itemId);
      const { numbers } = await ctx.plaid.authGet(token, [accountId]);
      const found = numbersOfAccount(numbers, accountId);
      for (const secret of secretsOf(found)) ctx.redactor.add(secret);
      if (found.length === 0)
        throw new AppError(
          'NO_NUMBERS',
          `${account.institutionName} gave no account numbers for ${account.name}.`,
        );
      return { accountId, numbers: found };
    },
  };
}
