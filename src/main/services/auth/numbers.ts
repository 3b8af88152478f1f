/**
 * Auth's numbers for one account, from an /auth/get answer, by network. Nothing here writes: the
 * numbers go back to the caller who asked for them and nowhere else.
 */
import type { AuthGetNumbers } from 'plaid';
import type { AccountNumbers } from '../../../shared/contract/auth-identity';

export function numbersOfAccount(numbers: AuthGetNumbers, accountId: string): AccountNumbers[] {
  const mine = <T extends { account_id: string }>(list: readonly T[] | undefined) =>
    (list ?? []).filter((n) => n.account_id === accountId);
  return [
    ...mine(numbers.ach).map((n): AccountNumbers => ({
      kind: 'ach',
      account: n.account,
      routing: n.routing,
      wireRouting: n.wire_routing ?? null,
    })),
    ...mine(numbers.eft).map((n): AccountNumbers => ({
      kind: 'eft',
      account: n.account,
      institution: n.institution,
      branch: n.branch,
    })),
    ...mine(numbers.international).map((n): AccountNumbers => ({
      kind: 'international',
      iban: n.iban,
      bic: n.bic,
    })),
    ...mine(numbers.bacs).map((n): AccountNumbers => ({
      kind: 'bacs',
      account: n.account,
      sortCode: n.sort_code,
    })),
  ];
}

/** The account numbers among them (routing numbers and sort codes are the bank's, not secret), for the log redactor. */
export function secretsOf(numbers: readonly AccountNumbers[]): string[] {
  return numbers.map((n) => (n.kind === 'international' ? n.iban : n.account));
}
