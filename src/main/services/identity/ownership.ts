/**
 * The ownership check: does the bank believe the user owns an account? Pure, so the rule is
 * tested case by case.
 *
 * Names are compared as tokens after normalising (Unicode compatibility form, accents dropped,
 * lower case, punctuation to spaces, titles and suffixes such as "Mr" or "Jr" dropped). Against
 * each owner name on the account:
 * - match: the first and last tokens agree (a one-letter token agrees with any token it starts),
 *   so middle names and initials do not matter, and neither does "Last, First" order;
 * - partial: they share at least one token of two letters or more (same family name, a spouse,
 *   a nickname first name);
 * - mismatch: nothing in common.
 * The account takes its best owner name. An address in the profile is compared with every
 * address of every owner: it matches when the first five characters of the postal code agree
 * and the street agrees (same house number and at least one street word, abbreviations such as
 * Rd/Road unified). With an address, the account's result is a match only when both agree, a
 * mismatch only when neither does, and partial otherwise.
 */
import type {
  Owner,
  Ownership,
  OwnershipCheck,
  PostalAddress,
  Profile,
} from '../../../shared/contract/auth-identity';

const DROPPED = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'jr', 'sr', 'ii', 'iii', 'iv']);

export function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((t) => t && !DROPPED.has(t));
}

function agree(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1) return b.startsWith(a);
  if (b.length === 1) return a.startsWith(b);
  return false;
}

/** "Last, First Middle" is turned around so the family name comes last. */
function ordered(name: string): string[] {
  const comma = name.indexOf(',');
  const tokens =
    comma < 0
      ? nameTokens(name)
      : [...nameTokens(name.slice(comma + 1)), ...nameTokens(name.slice(0, comma))];
  return tokens;
}

export function compareNames(profileName: string, ownerName: string): Ownership {
  const mine = ordered(profileName);
  const theirs = ordered(ownerName);
  if (mine.length === 0 || theirs.length === 0) return 'mismatch';
  const firstAgrees = agree(mine[0]!, theirs[0]!);
  const lastAgrees = agree(mine[mine.length - 1]!, theirs[theirs.length - 1]!);
  if (mine.length > 1 && theirs.length > 1 && firstAgrees && lastAgrees) return 'match';
  if (mine.length === 1 && theirs.length === 1 && firstAgrees) return 'match';
  const shared = mine.filter((t) => t.length > 1 && theirs.includes(t));
  return shared.length > 0 ? 'partial' : 'mismatch';
}

const STREET_WORDS: Record<string, string> = {
  street: 'st',
  road: 'rd',
  avenue: 'ave',
  av: 'ave',
  lane: 'ln',
  drive: 'dr',
  court: 'ct',
  boulevard: 'blvd',
  place: 'pl',
  terrace: 'ter',
  highway: 'hwy',
  apartment: 'apt',
  suite: 'ste',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
};

function streetTokens(street: string): string[] {
  return nameTokens(street).map((t) => STREET_WORDS[t] ?? t);
}

const postal5 = (code: string | null) => (code ?? '').replace(/\s+/g, '').slice(0, 5).toLowerCase();

export function addressesAgree(mine: PostalAddress, theirs: PostalAddress): boolean {
  if (!postal5(mine.postalCode) || postal5(mine.postalCode) !== postal5(theirs.postalCode)) return false;
  const a = streetTokens(mine.street);
  const b = streetTokens(theirs.street);
  const number = (tokens: string[]) => tokens.find((t) => /^\d/.test(t)) ?? null;
  if (number(a) !== number(b)) return false;
  return a.some((t) => !/^\d/.test(t) && b.includes(t));
}

const RANK: Record<Ownership, number> = { mismatch: 0, partial: 1, match: 2 };

export function checkOwnership(profile: Profile, owners: readonly Owner[]): OwnershipCheck {
  let name: Ownership = 'mismatch';
  let closestName: string | null = null;
  for (const candidate of owners.flatMap((o) => o.names)) {
    const outcome = compareNames(profile.name, candidate);
    if (closestName === null || RANK[outcome] > RANK[name]) {
      name = outcome;
      closestName = candidate;
    }
  }
  const nameWords = {
    match: `the bank's owner name ${closestName ?? ''} matches your name`,
    partial: `the bank's owner name ${closestName ?? ''} shares only part of your name`,
    mismatch: closestName
      ? 'no owner name on the account resembles your name'
      : 'the bank lists no owner name',
  }[name];
  if (!profile.address)
    return { result: name, name, address: 'not_checked', closestName, reason: `${nameWords}.` };

  const mine = profile.address;
  const address = owners.some((o) => o.addresses.some((a) => addressesAgree(mine, a))) ? 'match' : 'mismatch';
  const result: Ownership =
    name === 'match' && address === 'match'
      ? 'match'
      : name === 'mismatch' && address === 'mismatch'
        ? 'mismatch'
        : 'partial';
  const addressWords =
    address === 'match' ? 'your address is on record' : "your address is not among the bank's addresses";
  return { result, name, address, closestName, reason: `${nameWords}; ${addressWords}.` };
}
