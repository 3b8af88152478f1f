import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { ExportKind } from '../../../shared/contract/exports';
import { useShell } from '../../app/shell-context';
import { ViewHeading } from '../../ui/ViewHeading';
import { exportsSlice } from './slice';
import { useViewReady } from '../../ui/view-ready';

const KINDS: { kind: ExportKind; label: string }[] = [
  { kind: 'transactions', label: 'Transactions (CSV, one row per split part)' },
  { kind: 'investment-transactions', label: 'Investment transactions (CSV)' },
  { kind: 'holdings', label: 'Holdings with cost basis at the end of the period (CSV)' },
  {
    kind: 'tax-summary',
    label: 'Tax summary (CSV: loan interest, dividends, interest, capital gains, fees, marked categories)',
  },
  { kind: 'hledger', label: 'hledger journal' },
  { kind: 'beancount', label: 'beancount file' },
];

/**
 * Export: what, which period and accounts. Where is asked by the save dialog (Electron) or is the
 * browser's downloads; the file appears whole or not at all.
 */
export function ExportView({ onBack }: { onBack?: () => void }) {
  const { exports } = exportsSlice.useSlice();
  const shell = useShell();
  const accounts = useStore(shell.accounts, (s) => s.accounts);
  const preset = useStore(exports, (s) => s.preset);
  const running = useStore(exports, (s) => s.running);
  const progress = useStore(exports, (s) => s.progress);
  const last = useStore(exports, (s) => s.last);
  const download = useStore(exports, (s) => s.download);
  const error = useStore(exports, (s) => s.error);
  useViewReady('exports', true);

  const [kind, setKind] = useState<ExportKind | null>(null);
  const [period, setPeriod] = useState<'year' | 'range'>('year');
  const [year, setYear] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [bom, setBom] = useState(false);

  const what = kind ?? preset.kind;
  const yearText = year ?? String(preset.year);
  const yearValid = /^\d{4}$/.test(yearText);
  const rangeValid = from !== '' && to !== '' && from <= to;
  const valid = period === 'year' ? yearValid : rangeValid;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    await exports.getState().run({
      kind: what,
      ...(period === 'year' ? { year: Number(yearText) } : { from, to }),
      accountIds: chosen.length > 0 ? chosen : undefined,
      bom: (what === 'transactions' || what === 'investment-transactions') && bom,
    });
  };

  return (
    <section className="panel view-panel export-view" aria-labelledby="export-title">
      <ViewHeading id="export-title" title="Export" onBack={onBack} />
      <div className="view-body">
        <form className="settings-form" aria-label="Export" onSubmit={(e) => void submit(e)}>
          <p className="view-help">
            CSV amounts are plain numbers, negative = money out; text a spreadsheet would run as a formula is
            prefixed with an apostrophe. Journals hold posted transactions and pass hledger’s and beancount’s
            own checks.
          </p>
          <label className="settings-field">
            What
            <select name="export-kind" value={what} onChange={(e) => setKind(e.target.value as ExportKind)}>
              {KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="settings-field">
            <legend>Period</legend>
            <label className="field-check">
              <input type="radio" checked={period === 'year'} onChange={() => setPeriod('year')} />
              Tax year
            </label>
            <input
              name="export-year"
              aria-label="Year"
              inputMode="numeric"
              value={yearText}
              disabled={period !== 'year'}
              onChange={(e) => setYear(e.target.value)}
              aria-invalid={period === 'year' && !yearValid}
            />
            <label className="field-check">
              <input type="radio" checked={period === 'range'} onChange={() => setPeriod('range')} />
              Dates
            </label>
            <input
              type="date"
              aria-label="From"
              value={from}
              disabled={period !== 'range'}
              onChange={(e) => setFrom(e.target.value)}
            />
            <input
              type="date"
              aria-label="To"
              value={to}
              disabled={period !== 'range'}
              onChange={(e) => setTo(e.target.value)}
            />
            {period === 'range' && from !== '' && to !== '' && to < from && (
              <p className="status status-error">The range ends before it starts.</p>
            )}
          </fieldset>
          {accounts.length > 0 && (
            <fieldset className="settings-field">
              <legend>Accounts (none ticked: all)</legend>
              {accounts.map((a) => (
                <label key={a.id} className="field-check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(a.id)}
                    onChange={(e) =>
                      setChosen(e.target.checked ? [...chosen, a.id] : chosen.filter((id) => id !== a.id))
                    }
                  />
                  {a.name}
                  {a.mask ? ` ••${a.mask}` : ''}
                </label>
              ))}
            </fieldset>
          )}
          {(what === 'transactions' || what === 'investment-transactions') && (
            <label className="field-check">
              <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
              For Excel (start the file with a byte-order mark)
            </label>
          )}
          <div className="settings-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={!valid || running}
              aria-busy={running}
            >
              {running ? 'Exporting…' : download ? 'Download' : 'Export…'}
            </button>
          </div>
          {progress && (
            <div data-testid="export-progress" data-rows={progress.rows} data-total={progress.total}>
              <progress
                aria-label="Export progress"
                max={Math.max(progress.total, 1)}
                value={progress.rows}
              />{' '}
              {progress.rows.toLocaleString()} of {progress.total.toLocaleString()} rows
            </div>
          )}
          {error && (
            <p
              className="status status-error"
              role="alert"
              data-testid="export-error"
              data-code={error.code ?? ''}
            >
              {error.text}
            </p>
          )}
          {last && !error && last.status !== 'cancelled' && (
            <p
              className="status status-success"
              data-testid="export-result"
              data-name={last.name}
              data-rows={last.rows}
            >
              {last.status === 'downloaded' ? 'Downloaded' : 'Saved'} <code>{last.name}</code>
              {last.rows > 0 && ` (${last.rows.toLocaleString()} rows)`}.
            </p>
          )}
        </form>
      </div>
    </section>
  );
}
