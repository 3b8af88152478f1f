import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import {
  maskedNumber,
  type AccountNumbers,
  type AuthItem,
  type MaskedAccount,
} from '../../../shared/contract/auth-identity';
import { useShell } from '../../app/shell-context';
import type { ViewProps } from '../../app/view-entry';
import { AddProductPrompt } from '../../ui/AddProductPrompt';
import { ViewHeading } from '../../ui/ViewHeading';
import { useNow } from '../../ui/use-now';
import { accountNumbersSlice } from './slice';
import { useViewReady } from '../../ui/view-ready';

/** How long revealed numbers stay on screen. */
export const REVEAL_MS = 30_000;

const KIND_LABEL: Record<AccountNumbers['kind'], string> = {
  ach: 'ACH (US)',
  eft: 'EFT (Canada)',
  international: 'International (IBAN)',
  bacs: 'BACS (UK)',
};

/** Each number of a set as label and value, in the order a form asks for them. */
function lines(n: AccountNumbers): [string, string][] {
  switch (n.kind) {
    case 'ach':
      return [
        ['Account number', n.account],
        ['Routing number', n.routing],
        ...(n.wireRouting && n.wireRouting !== n.routing
          ? [['Wire routing number', n.wireRouting] as [string, string]]
          : []),
      ];
    case 'eft':
      return [
        ['Account number', n.account],
        ['Institution number', n.institution],
        ['Branch (transit) number', n.branch],
      ];
    case 'international':
      return [
        ['IBAN', n.iban],
        ['BIC', n.bic],
      ];
    case 'bacs':
      return [
        ['Account number', n.account],
        ['Sort code', n.sortCode],
      ];
  }
}

function CopyButton({ label, value }: { label: string; value: string }) {
  const { errors } = useShell();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch (error) {
      errors.getState().report(error);
    }
  };
  return (
    <button type="button" className="button small" onClick={() => void copy()} aria-label={`Copy ${label}`}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** One account: masked until the user asks, then Plaid's numbers for REVEAL_MS, then masked again. */
function AccountRow({ account }: { account: MaskedAccount }) {
  const { api, errors } = useShell();
  const [revealed, setRevealed] = useState<{ numbers: AccountNumbers[]; until: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const now = useNow(1_000);
  const hide = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setRevealed(null);
  };
  useEffect(() => hide, []);
  const reveal = async () => {
    setBusy(true);
    try {
      const { numbers } = await api['auth.reveal']({ accountId: account.accountId });
      hide();
      setRevealed({ numbers, until: Date.now() + REVEAL_MS });
      timer.current = setTimeout(hide, REVEAL_MS);
    } catch (error) {
      errors.getState().report(error);
    } finally {
      setBusy(false);
    }
  };
  const name = `${account.accountName}${account.mask ? ` ••${account.mask}` : ''}`;
  return (
    <li className="account-numbers" data-testid="account-numbers" data-account-id={account.accountId}>
      <h4>{name}</h4>
      {!revealed && (
        <>
          <dl className="facts">
            <div>
              <dt>Account number</dt>
              <dd data-testid="masked-number">{maskedNumber(account.mask)}</dd>
            </div>
            <div>
              <dt>Routing number</dt>
              <dd>•••••••••</dd>
            </div>
          </dl>
          <button
            type="button"
            className="button small"
            disabled={busy}
            onClick={() => void reveal()}
            aria-label={`Reveal the numbers of ${name}`}
          >
            {busy ? 'Asking your bank…' : 'Reveal'}
          </button>
        </>
      )}
      {revealed && (
        <div data-testid="revealed-numbers">
          {revealed.numbers.map((n, i) => (
            <table
              className="data-table"
              key={`${n.kind}-${i}`}
              aria-label={`${KIND_LABEL[n.kind]} numbers of ${name}`}
            >
              <caption>{KIND_LABEL[n.kind]}</caption>
              <tbody>
                {lines(n).map(([label, value]) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td className="num">{value}</td>
                    <td>
                      <CopyButton label={`${label} of ${name}`} value={value} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          <p className="muted small" role="status">
            Hidden again in {Math.max(0, Math.ceil((revealed.until - now) / 1000))} s. Coffer does not keep
            these numbers.
          </p>
          <button type="button" className="button small" onClick={hide}>
            Hide now
          </button>
        </div>
      )}
    </li>
  );
}

function ItemNumbers({ item, reload }: { item: AuthItem; reload(): Promise<unknown> }) {
  const ready = item.auth?.status === 'ready';
  return (
    <section
      className="item-numbers"
      aria-label={item.institutionName}
      data-testid="auth-item"
      data-item-id={item.itemId}
    >
      <h3>{item.institutionName}</h3>
      {!ready && (
        <AddProductPrompt
          itemId={item.itemId}
          institutionName={item.institutionName}
          product="auth"
          state={item.auth}
          onAdded={reload}
        />
      )}
      {ready && item.accounts.length === 0 && <p className="muted">No deposit accounts at this bank.</p>}
      {ready && (
        <ul className="plain-list">
          {item.accounts.map((a) => (
            <AccountRow key={a.accountId} account={a} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function AccountNumbersView({ onBack }: ViewProps) {
  const { accounts } = accountNumbersSlice.useSlice();
  const items = useStore(accounts, (s) => s.items);
  const loaded = useStore(accounts, (s) => s.loaded);
  useViewReady('account-numbers', loaded);
  useEffect(() => {
    void accounts.getState().load();
  }, [accounts]);
  return (
    <section className="panel view-panel" aria-labelledby="account-numbers-title">
      <ViewHeading id="account-numbers-title" title="Account numbers" onBack={onBack} />
      <p className="muted small">
        For a direct deposit or transfer form. Numbers are asked from your bank when you press Reveal, shown
        for 30 seconds, and never stored.
      </p>
      {loaded && items.length === 0 && <p className="muted">No bank is linked.</p>}
      {items.map((item) => (
        <ItemNumbers key={item.itemId} item={item} reload={() => accounts.getState().load()} />
      ))}
    </section>
  );
}
