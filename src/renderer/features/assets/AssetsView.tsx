import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import type { Item } from '../../../shared/api';
import type { AssetReportContent, AssetReportSummary } from '../../../shared/contract/assets';
import { formatMoney } from '../../../shared/money';
import { userMessage } from '../../../shared/plaid-error';
import { useShell } from '../../app/shell-context';
import { ViewHeading } from '../../ui/ViewHeading';
import { AddProductButton } from '../accounts/AddProductButton';
import { assetsSlice } from './slice';
import { useViewReady } from '../../ui/view-ready';

const STATUS: Record<AssetReportSummary['status'], string> = {
  pending: 'Being prepared',
  ready: 'Ready',
  failed: 'Failed',
};

const hasAssets = (item: Item) =>
  item.products.some((p) => p.product === 'assets' && (p.status === 'ready' || p.status === 'not_ready'));

function Content({ content }: { content: AssetReportContent }) {
  return (
    <section aria-label="Asset Report">
      <p>
        Generated {content.generatedAt}, {content.daysRequested} days requested.
      </p>
      {content.items.map((item) => (
        <table key={item.itemId} className="data-table" aria-label={`Accounts at ${item.institutionName}`}>
          <caption>{item.institutionName}</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Balance
              </th>
              <th scope="col" className="num">
                Available
              </th>
              <th scope="col">Owners</th>
              <th scope="col" className="num">
                Days available
              </th>
              <th scope="col" className="num">
                Transactions
              </th>
            </tr>
          </thead>
          <tbody>
            {item.accounts.map((a) => (
              <tr key={a.accountId}>
                <td>
                  {a.name}
                  {a.mask ? ` ••${a.mask}` : ''}
                </td>
                <td>{a.subtype ?? a.type}</td>
                <td className="num">
                  {a.currentMinor === null ? '—' : formatMoney(a.currentMinor, a.currency)}
                </td>
                <td className="num">
                  {a.availableMinor === null ? '—' : formatMoney(a.availableMinor, a.currency)}
                </td>
                <td>{a.owners.join(', ') || '—'}</td>
                <td className="num">{a.daysAvailable}</td>
                <td className="num">{a.transactions.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

export function AssetsView() {
  const { assets } = assetsSlice.useSlice();
  const shell = useShell();
  const state = useStore(assets);
  useViewReady('assets', state.loaded);
  const items = useStore(shell.items, (s) => s.items).filter((i) => !i.removedAt);
  const [chosen, setChosen] = useState<string[]>([]);
  const [days, setDays] = useState(60);
  const daysId = useId();
  useEffect(() => {
    void assets.getState().load();
    void shell.items.getState().load();
  }, [assets, shell.items]);
  const withAssets = items.filter(hasAssets);
  const without = items.filter((i) => !hasAssets(i));
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  return (
    <section className="panel" aria-labelledby="assets-heading">
      <ViewHeading id="assets-heading" title="Asset Reports" />
      <form
        aria-label="New Asset Report"
        onSubmit={(e) => {
          e.preventDefault();
          void state.create(chosen, days);
        }}
      >
        <fieldset>
          <legend>Banks in the report</legend>
          {withAssets.length === 0 && <p>No bank shares Assets with Coffer yet.</p>}
          {withAssets.map((i) => (
            <label key={i.id}>
              <input type="checkbox" checked={chosen.includes(i.id)} onChange={() => toggle(i.id)} />{' '}
              {i.institutionName}
            </label>
          ))}
        </fieldset>
        <label htmlFor={daysId}>Days of history</label>
        <input
          id={daysId}
          type="number"
          min={0}
          max={731}
          value={days}
          onChange={(e) => setDays(Math.max(0, Math.min(731, Number(e.target.value) || 0)))}
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={chosen.length === 0 || !!state.busy}
        >
          Create Asset Report
        </button>
      </form>
      {without.map((i) => (
        <AddProductButton key={i.id} item={i} product="assets" label="Assets" />
      ))}
      <p role="status">{state.busy ?? state.notice ?? ''}</p>
      <table className="data-table" aria-label="Asset Reports">
        <thead>
          <tr>
            <th scope="col">Banks</th>
            <th scope="col">Days</th>
            <th scope="col">Status</th>
            <th scope="col">Requested</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {state.reports.map((r) => (
            <tr key={r.assetReportId}>
              <td>{r.items.map((i) => i.institutionName).join(', ')}</td>
              <td>{r.daysRequested}</td>
              <td>
                {STATUS[r.status]}
                {r.error && <span className="error-text">: {userMessage(r.error)}</span>}
              </td>
              <td>{r.createdAt.slice(0, 10)}</td>
              <td>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => void state.view(r.assetReportId)}
                >
                  {r.status === 'pending' ? 'Check again' : 'View'}
                </button>
                {r.status === 'ready' && (
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => void state.savePdf(r.assetReportId)}
                  >
                    {shell.backupFiles ? 'Download PDF' : 'Save PDF'}
                  </button>
                )}
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => void state.refresh(r.assetReportId)}
                >
                  Refresh
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => void state.remove(r.assetReportId)}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {state.open?.content && <Content content={state.open.content} />}
    </section>
  );
}
