import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { ExportKind } from '../../../shared/contract/exports';
import { useShell } from '../../app/shell-context';
import { ViewHeading } from '../../ui/ViewHeading';
import { isAbsolutePath, suggestedExportPath } from './export-path';
import { exportsSlice } from './slice';
import { useViewReady } from '../../ui/view-ready';

const KINDS: { kind: ExportKind; label: string }[] = [
  { kind: 'transactions', label: 'Transactions (CSV, one row per split part)' },
  { kind: 'tax-summary', label: 'Tax summary (CSV: interest, fees, deductible, charitable)' },
  { kind: 'hledger', label: 'hledger journal' },
  { kind: 'beancount', label: 'beancount file' },
];

/** Export: what, which period and accounts, where; the file appears whole or not at all. */
export function ExportView({ onBack }: { onBack?: () => void }) {
  const { exports } = exportsSlice.useSlice();
  const shell = useShell();
  const accounts = useStore(shell.accounts, (s) => s.accounts);
  const preset = useStore(exports, (s) => s.preset);
  const running = useStore(exports, (s) => s.running);
  const progress = useStore(exports, (s) => s.progress);
  const last = useStore(exports, (s) => s.last);
  const error = useStore(exports, (s) => s.error);
  useViewReady('exports', true);

  const [kind, setKind] = useState<ExportKind | null>(null);
  const [period, setPeriod] = useState<'year' | 'range'>('year');
  const [year, setYear] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [bom, setBom] = useState(false);
  const [typedPath, setTypedPath] = useState<string | null>(null);
  const [overwrite, setOverwrite] = useState(false);

  const what = kind ?? preset.kind;
  const yearText = year ?? String(preset.year);
  const yearValid = /^\d{4}$/.test(yearText);
  const rangeValid = from !== '' && to !== '' && from <= to;
  const periodName = period === 'year' ? yearText : `${from}_${to}`;
  // Exports may not go inside the data folder, the one folder the window knows: the user names one.
  const target = typedPath ?? '';
  const valid = isAbsolutePath(target.trim()) && (period === 'year' ? yearValid : rangeValid);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    await exports.getState().run({
      kind: what,
      ...(period === 'year' ? { year: Number(yearText) } : { from, to }),
      accountIds: chosen.length > 0 ? chosen : undefined,
      bom: what === 'transactions' && bom,
      path: target.trim(),
      overwrite,
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
          {what === 'transactions' && (
            <label className="field-check">
              <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
              For Excel (start the file with a byte-order mark)
            </label>
          )}
          <label className="settings-field">
            Save to (a full path)
            <input
              name="export-path"
              type="text"
              spellCheck={false}
              autoComplete="off"
              value={target}
              placeholder={suggestedExportPath('/path/to', what, periodName)}
              onChange={(e) => setTypedPath(e.target.value)}
              aria-invalid={target !== '' && !isAbsolutePath(target.trim())}
            />
          </label>
          <label className="field-check">
            <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
            Replace the file if it exists
          </label>
          <div className="settings-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={!valid || running}
              aria-busy={running}
            >
              {running ? 'Exporting…' : 'Export'}
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
              {error.code === 'EXPORT_EXISTS' && ' Tick “Replace the file if it exists” to overwrite it.'}
            </p>
          )}
          {last && !error && (
            <p
              className="status status-success"
              data-testid="export-result"
              data-path={last.path}
              data-rows={last.rows}
            >
              Exported {last.rows.toLocaleString()} rows to <code>{last.path}</code>.
            </p>
          )}
        </form>
      </div>
    </section>
  );
}
