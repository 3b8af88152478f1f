import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type {
  IdentityAccount,
  IdentityItem,
  Owner,
  Ownership,
  PostalAddress,
} from '../../../shared/contract/auth-identity';
import { useShell } from '../../app/shell-context';
import type { ViewProps } from '../../app/view-entry';
import { AddProductPrompt } from '../../ui/AddProductPrompt';
import { formatDay } from '../../ui/format/display';
import { ViewHeading } from '../../ui/ViewHeading';
import { ProfileForm } from './ProfileForm';
import { ownershipSlice } from './slice';
import { useViewReady } from '../../ui/view-ready';

const RESULT_LABEL: Record<Ownership, string> = {
  match: 'Match',
  partial: 'Partial match',
  mismatch: 'Mismatch',
};

const addressText = (a: PostalAddress) =>
  [a.street, a.city, [a.region, a.postalCode].filter(Boolean).join(' '), a.country]
    .filter(Boolean)
    .join(', ');

function OwnerCells({ owner }: { owner: Owner }) {
  return (
    <>
      <td>{owner.names.join('; ')}</td>
      <td>{owner.emails.map((e) => e.address).join('; ')}</td>
      <td>{owner.phones.map((p) => p.number).join('; ')}</td>
      <td>{owner.addresses.map((a) => `${addressText(a)}${a.primary ? '' : ' (other)'}`).join('; ')}</td>
    </>
  );
}

function AccountOwners({ account }: { account: IdentityAccount }) {
  const span = Math.max(1, account.owners.length);
  const check = account.check;
  const [first, ...rest] = account.owners;
  const checkCell = (
    <td rowSpan={span} data-testid="ownership-result" data-result={check?.result ?? 'none'}>
      {check ? (
        <>
          <strong>{RESULT_LABEL[check.result]}</strong>
          <span className="muted small"> — {check.reason}</span>
        </>
      ) : (
        <span className="muted">Enter your name to check</span>
      )}
    </td>
  );
  const head = (
    <th scope="row" rowSpan={span}>
      {account.accountName}
      {account.mask ? ` ••${account.mask}` : ''}
    </th>
  );
  return (
    <>
      <tr data-testid="owner-row" data-account-id={account.accountId}>
        {head}
        {first ? <OwnerCells owner={first} /> : <td colSpan={4}>No owner on record</td>}
        {checkCell}
      </tr>
      {rest.map((o, i) => (
        <tr key={i}>
          <OwnerCells owner={o} />
        </tr>
      ))}
    </>
  );
}

function ItemOwners({ item, reload }: { item: IdentityItem; reload(): Promise<unknown> }) {
  const { api, errors } = useShell();
  const [busy, setBusy] = useState(false);
  const fetchOwners = async () => {
    setBusy(true);
    try {
      await api['identity.refresh']({ itemId: item.itemId });
      await reload();
    } catch (error) {
      errors.getState().report(error);
      await reload();
    } finally {
      setBusy(false);
    }
  };
  const ready = item.identity?.status === 'ready';
  return (
    <section aria-label={item.institutionName} data-testid="identity-item" data-item-id={item.itemId}>
      <h3>{item.institutionName}</h3>
      {!ready && (
        <AddProductPrompt
          itemId={item.itemId}
          institutionName={item.institutionName}
          product="identity"
          state={item.identity}
          onAdded={fetchOwners}
        />
      )}
      {ready && (
        <p className="muted small">
          {item.fetchedAt ? `As the bank reported on ${formatDay(item.fetchedAt.slice(0, 10))}. ` : ''}
          <button type="button" className="button small" disabled={busy} onClick={() => void fetchOwners()}>
            {busy
              ? 'Asking your bank…'
              : item.fetchedAt
                ? 'Ask the bank again'
                : 'Get the owners from the bank'}
          </button>
        </p>
      )}
      {item.accounts.length > 0 && (
        <table className="data-table" aria-label={`Owners at ${item.institutionName}`}>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Names</th>
              <th scope="col">Emails</th>
              <th scope="col">Phones</th>
              <th scope="col">Addresses</th>
              <th scope="col">You?</th>
            </tr>
          </thead>
          <tbody>
            {item.accounts.map((a) => (
              <AccountOwners key={a.accountId} account={a} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function OwnershipView({ onBack }: ViewProps) {
  const { owners } = ownershipSlice.useSlice();
  const profile = useStore(owners, (s) => s.profile);
  const items = useStore(owners, (s) => s.items);
  const loaded = useStore(owners, (s) => s.loaded);
  useViewReady('ownership', loaded);
  useEffect(() => {
    void owners.getState().load();
  }, [owners]);
  const reload = () => owners.getState().load();
  return (
    <section className="panel view-panel" aria-labelledby="ownership-title">
      <ViewHeading id="ownership-title" title="Owners" onBack={onBack} />
      <p className="muted small">
        Who each bank has on record as the owner of your accounts, and whether that is you.
      </p>
      {loaded && <ProfileForm key={profile?.name ?? ''} profile={profile} onSaved={reload} />}
      {loaded && items.length === 0 && <p className="muted">No bank is linked.</p>}
      {items.map((item) => (
        <ItemOwners key={item.itemId} item={item} reload={reload} />
      ))}
    </section>
  );
}
