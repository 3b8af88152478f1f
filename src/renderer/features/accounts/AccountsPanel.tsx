import { useStore } from 'zustand';
import type { Account, Item } from '../../../shared/api';
import { formatMoney } from '../../../shared/money';
import { userMessage } from '../../../shared/plaid-error';
import { updatedAgo } from '../../ui/format/relative-time';
import { accountKind, accountMask } from '../../ui/format/display';
import { useShell } from '../../app/shell-context';
import { ItemHealthBanner, ItemRemoval, RemovedNote } from './ItemHealth';
import { useNow } from '../../ui/use-now';

const REFRESH_AGES_MS = 30_000;

interface Group {
  itemId: string;
  institutionName: string;
  item: Item | null;
  accounts: Account[];
}

/** One group per Item (two logins at one bank stay apart), in the order the core lists Items. */
function groupByItem(items: Item[], accounts: Account[]): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    groups.set(item.id, { itemId: item.id, institutionName: item.institutionName, item, accounts: [] });
  }
  for (const account of accounts) {
    let group = groups.get(account.itemId);
    if (!group) {
      group = { itemId: account.itemId, institutionName: account.institutionName, item: null, accounts: [] };
      groups.set(account.itemId, group);
    }
    group.accounts.push(account);
  }
  return [...groups.values()];
}

function ItemRow({
  item,
  institutionName,
  now,
}: {
  item: Item | null;
  institutionName: string;
  now: number;
}) {
  return (
    <div className="item-row" data-testid="item-row" data-item-id={item?.id}>
      <div className="item-heading">
        <h3>{institutionName}</h3>
        {item && (
          <span className="muted" title={item.lastSyncedAt ?? undefined}>
            {item.status === 'syncing' ? 'syncing…' : updatedAgo(item.lastSyncedAt, now)}
          </span>
        )}
      </div>
      {item && <RemovedNote item={item} />}
      {item?.institutionStatus && (
        <p className="institution-status" data-testid="institution-status">
          {item.institutionStatus.message}
        </p>
      )}
      {item?.healthMessage ? (
        <ItemHealthBanner item={item} />
      ) : (
        item?.error &&
        !item.removedAt && (
          <p className="item-error" data-testid="item-error">
            {userMessage(item.error)}
          </p>
        )
      )}
      {item && <ItemRemoval item={item} />}
    </div>
  );
}

function Balance({ label, minor, currency }: { label: string; minor: number | null; currency: string }) {
  if (minor === null) return null;
  return (
    <div className="balance">
      <span className="balance-label">{label}</span>
      <span className="balance-value">{formatMoney(minor, currency)}</span>
    </div>
  );
}

function AccountRow({ account }: { account: Account }) {
  const mask = accountMask(account.mask);
  return (
    <li
      className={`account-row${account.archived ? ' account-archived' : ''}`}
      data-testid="account-row"
      data-account-id={account.id}
      data-archived={account.archived ? 'true' : undefined}
    >
      <div className="account-main">
        <span className="account-name">
          {account.name}
          {account.archived && <span className="tag"> Archived</span>}
        </span>
        <span className="muted small">
          {accountKind(account.type, account.subtype)}
          {mask && <span className="mask"> {mask}</span>}
        </span>
      </div>
      <div className="account-balances">
        <Balance label="Current" minor={account.currentMinor} currency={account.currency} />
        <Balance label="Available" minor={account.availableMinor} currency={account.currency} />
      </div>
    </li>
  );
}

export function AccountsPanel() {
  const state = useShell();
  const items = useStore(state.items, (s) => s.items);
  const accounts = useStore(state.accounts, (s) => s.accounts);
  const now = useNow(REFRESH_AGES_MS);
  return (
    <section className="panel accounts" data-testid="accounts" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Accounts</h2>
      {groupByItem(items, accounts).map((group) => (
        <div className="institution" key={group.itemId}>
          <ItemRow item={group.item} institutionName={group.institutionName} now={now} />
          <ul className="account-list">
            {group.accounts.map((account) => (
              <AccountRow key={account.id} account={account} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
