/**
 * Auth and Identity (issue 16). Account and routing numbers are never stored: `auth.accounts`
 * answers what the ledger already knows (the account's mask), and `auth.reveal` asks Plaid for one
 * account's full numbers when the user asks, returning them to that one caller only. Identity's
 * owners are kept (the latest /identity/get per Item) and checked against the user's own profile.
 */
import { z } from 'zod';
import { ProductState } from './items';
import { Empty, Id, IsoDateTime } from './primitives';

export const NumberKind = z.enum(['ach', 'eft', 'international', 'bacs']);
export type NumberKind = z.infer<typeof NumberKind>;

/** An account Auth can serve, as shown before any reveal: nothing but the account's own mask. */
export const MaskedAccount = z.object({
  accountId: Id,
  accountName: z.string(),
  subtype: z.string().nullable(),
  /** Plaid's mask: the last 2 to 4 digits of the account number. */
  mask: z.string().nullable(),
});
export type MaskedAccount = z.infer<typeof MaskedAccount>;

export const AuthItem = z.object({
  itemId: Id,
  institutionName: z.string(),
  /** Auth's status on the Item; null when it was never asked for. */
  auth: ProductState.nullable(),
  accounts: z.array(MaskedAccount),
});
export type AuthItem = z.infer<typeof AuthItem>;

/** One set of numbers as Plaid gives it, by network. */
export const AccountNumbers = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ach'),
    account: z.string(),
    routing: z.string(),
    wireRouting: z.string().nullable(),
  }),
  z.object({ kind: z.literal('eft'), account: z.string(), institution: z.string(), branch: z.string() }),
  z.object({ kind: z.literal('international'), iban: z.string(), bic: z.string() }),
  z.object({ kind: z.literal('bacs'), account: z.string(), sortCode: z.string() }),
]);
export type AccountNumbers = z.infer<typeof AccountNumbers>;

export const PostalAddress = z.object({
  street: z.string().trim().max(200),
  city: z.string().trim().max(100).nullable(),
  region: z.string().trim().max(100).nullable(),
  postalCode: z.string().trim().max(20).nullable(),
  country: z.string().trim().max(2).nullable(),
});
export type PostalAddress = z.infer<typeof PostalAddress>;

export const Owner = z.object({
  names: z.array(z.string()),
  emails: z.array(z.object({ address: z.string(), primary: z.boolean(), type: z.string() })),
  phones: z.array(z.object({ number: z.string(), primary: z.boolean(), type: z.string().nullable() })),
  addresses: z.array(PostalAddress.extend({ primary: z.boolean() })),
});
export type Owner = z.infer<typeof Owner>;

/** The user's own name (and, if they wish, address), entered by them and kept in the ledger. */
export const Profile = z
  .object({
    name: z.string().trim().min(1, 'Enter your name.').max(200),
    address: PostalAddress.extend({ street: z.string().trim().min(1).max(200) })
      .strict()
      .nullable(),
  })
  .strict();
export type Profile = z.infer<typeof Profile>;

export const Ownership = z.enum(['match', 'partial', 'mismatch']);
export type Ownership = z.infer<typeof Ownership>;

export const OwnershipCheck = z.object({
  result: Ownership,
  name: Ownership,
  /** `not_checked` when the profile has no address. */
  address: z.enum(['match', 'mismatch', 'not_checked']),
  /** The owner name the profile's name came closest to. */
  closestName: z.string().nullable(),
  /** The rule's reason, in words. */
  reason: z.string(),
});
export type OwnershipCheck = z.infer<typeof OwnershipCheck>;

export const IdentityAccount = z.object({
  accountId: Id,
  accountName: z.string(),
  mask: z.string().nullable(),
  owners: z.array(Owner),
  /** Null until the user enters a profile. */
  check: OwnershipCheck.nullable(),
});
export type IdentityAccount = z.infer<typeof IdentityAccount>;

export const IdentityItem = z.object({
  itemId: Id,
  institutionName: z.string(),
  identity: ProductState.nullable(),
  /** When the owners were fetched; null: never. */
  fetchedAt: IsoDateTime.nullable(),
  accounts: z.array(IdentityAccount),
});
export type IdentityItem = z.infer<typeof IdentityItem>;

export const authIdentityCalls = {
  'auth.accounts': { req: Empty, res: z.object({ items: z.array(AuthItem) }) },
  /** Asks Plaid now; the answer is the only copy (never stored, logged or sent as an event). */
  'auth.reveal': {
    req: z.object({ accountId: Id }).strict(),
    res: z.object({ accountId: Id, numbers: z.array(AccountNumbers) }),
  },
  'identity.owners': {
    req: Empty,
    res: z.object({ profile: Profile.nullable(), items: z.array(IdentityItem) }),
  },
  'identity.refresh': { req: z.object({ itemId: Id }).strict(), res: z.object({ fetchedAt: IsoDateTime }) },
  /** `user`, not `profile`: a request field named like a file would read as a path from the window. */
  'identity.setProfile': { req: z.object({ user: Profile.nullable() }).strict(), res: Empty },
};

/** How a number is shown before it is revealed: its last digits only. */
export function maskedNumber(lastDigits: string | null): string {
  return lastDigits ? `•••• ${lastDigits}` : '••••';
}
