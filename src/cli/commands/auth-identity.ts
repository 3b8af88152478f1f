/**
 * `coffer auth` and `coffer identity` (issue 16). `auth` prints each account's masked number
 * from the ledger, without asking Plaid; `--reveal` asks Plaid for the full numbers and prints
 * them once (nothing is kept). `identity` prints the owners Plaid gave and the ownership check,
 * fetching them first for an Item that has Identity but was never asked.
 */
import { maskedNumber, type AccountNumbers, type Owner } from '../../shared/contract/auth-identity';
import type { ProductState } from '../../shared/api';
import { commonFlags } from '../args';
import type { Command, Io } from '../command';
import { call, withCore } from '../core-session';
import { tsv } from '../format';

const jsonHelp = '  --json                  one JSON object per line instead of tab-separated columns';

/** For an Item that cannot answer: a line on stderr saying how to add the product. */
function lacking(
  io: Io,
  item: { itemId: string; institutionName: string },
  product: string,
  state: ProductState | null,
) {
  const status = state?.status.replace('_', ' ') ?? 'not added';
  io.err(
    `${item.institutionName} (${item.itemId}): ${product} is ${status}; add it with \`coffer items add-product ${item.itemId} ${product}\`, or in the app when it needs your consent in Plaid Link.`,
  );
}

/** The number, then what routes it (routing number, bank-branch, BIC or sort code), then the wire routing number. */
function numberColumns(n: AccountNumbers): (string | null)[] {
  switch (n.kind) {
    case 'ach':
      return [n.account, n.routing, n.wireRouting];
    case 'eft':
      return [n.account, `${n.institution}-${n.branch}`, null];
    case 'international':
      return [n.iban, n.bic, null];
    case 'bacs':
      return [n.account, n.sortCode, null];
  }
}

export const authCommand: Command = {
  name: 'auth',
  summary: 'account and routing numbers of deposit accounts, masked unless --reveal',
  usage: 'coffer auth [--reveal] [--json]',
  optionsHelp: [
    '  --reveal                ask Plaid for the full numbers and print them (they are never stored)',
    jsonHelp,
    '',
    'Columns: account_id, institution, account name, kind (masked, ach, eft, international, bacs),',
    'number (IBAN for international), routing (routing number, institution-branch, BIC or sort code),',
    'wire routing number. Items without Auth are named on stderr with how to add it.',
  ],
  options: { reveal: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(values, io) {
    const reveal = values.reveal === true;
    const json = values.json === true;
    await withCore(
      commonFlags(values),
      'cli',
      async (core) => {
        const { items } = await call(core, 'auth.accounts', {});
        for (const item of items) {
          const ready = item.auth?.status === 'ready';
          if (!ready) lacking(io, item, 'auth', item.auth);
          for (const a of item.accounts) {
            const about = {
              accountId: a.accountId,
              institutionName: item.institutionName,
              accountName: a.accountName,
            };
            const head = [a.accountId, item.institutionName, a.accountName];
            if (!reveal || !ready) {
              const shown = maskedNumber(a.mask);
              io.out(
                json
                  ? JSON.stringify({ ...about, kind: 'masked', number: shown })
                  : tsv([...head, 'masked', shown, null, null]),
              );
              continue;
            }
            const { numbers } = await call(core, 'auth.reveal', { accountId: a.accountId });
            for (const n of numbers)
              io.out(json ? JSON.stringify({ ...about, ...n }) : tsv([...head, n.kind, ...numberColumns(n)]));
          }
        }
      },
      { readOnly: !reveal },
    );
  },
};

const primary = <T extends { primary: boolean }>(list: readonly T[]) =>
  list.find((x) => x.primary) ?? list[0];

function ownerColumns(o: Owner): (string | null)[] {
  const address = primary(o.addresses);
  return [
    o.names.join('; '),
    primary(o.emails)?.address ?? null,
    primary(o.phones)?.number ?? null,
    address
      ? [
          address.street,
          address.city,
          [address.region, address.postalCode].filter(Boolean).join(' '),
          address.country,
        ]
          .filter(Boolean)
          .join(', ')
      : null,
  ];
}

export const identityCommand: Command = {
  name: 'identity',
  summary: 'the owners the bank has on record for each account, and whether they are you',
  usage: 'coffer identity [--json]',
  optionsHelp: [
    jsonHelp,
    '',
    'Columns: account_id, institution, account name, owner names, primary email, primary phone,',
    'primary address, ownership (match, partial, mismatch, or no-profile until you enter your name in',
    'the app), and why. One line per owner. Items without Identity are named on stderr.',
  ],
  options: { json: { type: 'boolean' } },
  async run(values, io) {
    await withCore(commonFlags(values), 'cli', async (core) => {
      const first = await call(core, 'identity.owners', {});
      for (const item of first.items)
        if (item.identity?.status === 'ready' && item.fetchedAt === null)
          await call(core, 'identity.refresh', { itemId: item.itemId });
      const { items } = await call(core, 'identity.owners', {});
      for (const item of items) {
        if (item.identity?.status !== 'ready') lacking(io, item, 'identity', item.identity);
        for (const a of item.accounts)
          for (const o of a.owners)
            io.out(
              values.json === true
                ? JSON.stringify({
                    accountId: a.accountId,
                    institutionName: item.institutionName,
                    accountName: a.accountName,
                    owner: o,
                    check: a.check,
                  })
                : tsv([
                    a.accountId,
                    item.institutionName,
                    a.accountName,
                    ...ownerColumns(o),
                    a.check?.result ?? 'no-profile',
                    a.check?.reason ?? null,
                  ]),
            );
      }
    });
  },
};
