/**
 * Identity's owners per account. What Plaid answered is kept (raw_snapshots, product `identity`,
 * the accounts' ids and owners only: the balances beside them belong to the balance syncer), so
 * the owners and the ownership check read offline. Owners are not secrets the way account numbers
 * are: they are what the bank shows the user on every statement, and the ledger is encrypted.
 */
import { z } from 'zod';
import type { Owner } from '../../../shared/contract/auth-identity';
import type { Ledger } from '../ledger/ledger';
import { keepRawSnapshot, rawSnapshot } from '../ingest/raw-snapshots';

const PlaidAddress = z.object({
  data: z.object({
    street: z.string().nullish(),
    city: z.string().nullish(),
    region: z.string().nullish(),
    postal_code: z.string().nullish(),
    country: z.string().nullish(),
  }),
  primary: z.boolean().nullish(),
});
const PlaidOwner = z.object({
  names: z.array(z.string()),
  emails: z.array(z.object({ data: z.string(), primary: z.boolean().nullish(), type: z.string().nullish() })),
  phone_numbers: z.array(
    z.object({ data: z.string(), primary: z.boolean().nullish(), type: z.string().nullish() }),
  ),
  addresses: z.array(PlaidAddress),
});
/** The part of /identity/get that is kept. */
export const KeptIdentity = z.object({
  accounts: z.array(z.object({ account_id: z.string(), owners: z.array(PlaidOwner) })),
});
export type KeptIdentity = z.infer<typeof KeptIdentity>;

const PRODUCT = 'identity';

/** Keeps the accounts' owners of an /identity/get answer in place of the Item's previous ones. */
export function keepIdentity(
  ledger: Ledger,
  itemId: string,
  response: { accounts: readonly { account_id: string; owners?: unknown }[] },
  fetchedAt: string,
): void {
  const kept = KeptIdentity.parse({
    accounts: response.accounts.map((a) => ({ account_id: a.account_id, owners: a.owners ?? [] })),
  });
  ledger.write(() => keepRawSnapshot(ledger, itemId, PRODUCT, kept, fetchedAt));
}

function toOwner(o: z.infer<typeof PlaidOwner>): Owner {
  return {
    names: o.names,
    emails: o.emails.map((e) => ({ address: e.data, primary: e.primary ?? false, type: e.type ?? 'other' })),
    phones: o.phone_numbers.map((p) => ({
      number: p.data,
      primary: p.primary ?? false,
      type: p.type ?? null,
    })),
    addresses: o.addresses.map((a) => ({
      street: a.data.street ?? '',
      city: a.data.city ?? null,
      region: a.data.region ?? null,
      postalCode: a.data.postal_code ?? null,
      country: a.data.country ?? null,
      primary: a.primary ?? false,
    })),
  };
}

/** The Item's owners by account id as last fetched, or null when never fetched. */
export function ownersOfItem(
  ledger: Ledger,
  itemId: string,
): { fetchedAt: string; byAccount: Map<string, Owner[]> } | null {
  const snapshot = rawSnapshot(ledger, itemId, PRODUCT);
  if (!snapshot) return null;
  const parsed = KeptIdentity.safeParse(snapshot.response);
  if (!parsed.success) return null;
  return {
    fetchedAt: snapshot.fetchedAt,
    byAccount: new Map(parsed.data.accounts.map((a) => [a.account_id, a.owners.map(toOwner)])),
  };
}
