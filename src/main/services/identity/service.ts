/**
 * The Identity calls: owners per account as last fetched (offline), fetching them again from
 * /identity/get, and the user's profile with the ownership check of each account against it.
 */
import type { authIdentityCalls, IdentityItem } from '../../../shared/contract/auth-identity';
import type { CoreContext } from '../context';
import type { ApiHandlers } from '../core-types';
import { archivedAccountIds, connectedItemIds } from '../items/lifecycle-store';
import { productState, recordProductOutcome } from '../items/product-status';
import { getItem, listAccounts } from '../items/store';
import { nowIso } from '../ledger/statements';
import { toAppError } from '../errors';
import { checkOwnership } from './ownership';
import { keepIdentity, ownersOfItem } from './owners';
import { readProfile, writeProfile } from './profile';

type IdentityCalls = Extract<keyof typeof authIdentityCalls, `identity.${string}`>;

export function createIdentityService(
  ctx: CoreContext,
  accessToken: (itemId: string) => Promise<{ accessToken: string }>,
): Pick<ApiHandlers, IdentityCalls> {
  const { ledger } = ctx;
  const items = (): IdentityItem[] => {
    const profile = readProfile(ledger);
    const archived = archivedAccountIds(ledger);
    const accounts = listAccounts(ledger).filter((a) => !archived.has(a.id));
    return connectedItemIds(ledger).map((itemId) => {
      const kept = ownersOfItem(ledger, itemId);
      return {
        itemId,
        institutionName: getItem(ledger, itemId)?.institutionName ?? '',
        identity: productState(ledger, itemId, 'identity'),
        fetchedAt: kept?.fetchedAt ?? null,
        accounts: accounts
          .filter((a) => a.itemId === itemId && kept?.byAccount.has(a.id))
          .map((a) => {
            const owners = kept?.byAccount.get(a.id) ?? [];
            return {
              accountId: a.id,
              accountName: a.name,
              mask: a.mask,
              owners,
              check: profile ? checkOwnership(profile, owners) : null,
            };
          }),
      };
    });
  };
  return {
    'identity.owners': async () => ({ profile: readProfile(ledger), items: items() }),
    'identity.refresh': async ({ itemId }) => {
      const { accessToken: token } = await accessToken(itemId);
      const fetchedAt = nowIso();
      try {
        const answer = await ctx.plaid.identityGet(token);
        keepIdentity(ledger, itemId, answer, fetchedAt);
        ledger.write(() => recordProductOutcome(ledger, itemId, 'identity', null));
      } catch (error) {
        const failure = toAppError(error);
        ledger.write(() => recordProductOutcome(ledger, itemId, 'identity', failure));
        throw failure;
      } finally {
        ctx.emit('ledger.changed', { reason: 'identity' });
      }
      return { fetchedAt };
    },
    'identity.setProfile': async ({ user }) => {
      writeProfile(ledger, user);
      ctx.emit('ledger.changed', { reason: 'profile' });
      return {};
    },
  };
}
