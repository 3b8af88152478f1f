import { useState } from 'react';
import { useStore } from 'zustand';
import type { Transaction } from '../../../shared/api';
import { formatMoney } from '../../../shared/money';
import { amountInputText } from '../../ui/amount-input';
import { checkSplit, initialSplit, type SplitPartDraft } from './split-draft';
import { transactionsSlice } from './slice';
import { CategorySelect } from '../categories/CategorySelect';

function draftsOf(tx: Transaction): SplitPartDraft[] {
  if (tx.splits.length === 0)
    return initialSplit(amountInputText(Math.abs(tx.amountMinor), tx.currency), tx.category);
  return tx.splits.map((p) => ({
    amountText: amountInputText(Math.abs(p.amountMinor), tx.currency),
    category: p.category,
  }));
}

function Remainder({ remainderMinor, currency }: { remainderMinor: number; currency: string }) {
  const amount = formatMoney(Math.abs(remainderMinor), currency);
  const text =
    remainderMinor === 0
      ? 'Fully allocated'
      : remainderMinor > 0
        ? `${amount} left to allocate`
        : `${amount} too much allocated`;
  return (
    <p
      className={`split-remainder${remainderMinor === 0 ? ' split-ok' : ' split-off'}`}
      data-testid="split-remainder"
      data-remainder-minor={remainderMinor}
      aria-live="polite"
    >
      {text}
    </p>
  );
}

/** Parts with their own amounts and categories that must add up to the whole before saving. */
export function SplitEditor({ tx }: { tx: Transaction }) {
  const { detail } = transactionsSlice.useSlice();
  const saving = useStore(detail, (s) => s.saving);
  const split = useStore(detail, (s) => s.split);
  const unsplit = useStore(detail, (s) => s.unsplit);
  const [editing, setEditing] = useState(false);
  const [parts, setParts] = useState(() => draftsOf(tx));
  const sign = tx.amountMinor < 0 ? -1 : 1;
  // The remainder is the whole minus the parts, in the whole's direction, so "left to allocate" reads positive.
  const check = checkSplit(tx.amountMinor, tx.currency, parts);
  const remainder = sign * check.remainderMinor;
  const setPart = (i: number, p: Partial<SplitPartDraft>) =>
    setParts((all) => all.map((part, j) => (j === i ? { ...part, ...p } : part)));

  if (!editing) {
    return (
      <section className="split" aria-label="Split">
        <h3>Split</h3>
        {tx.splits.length > 0 ? (
          <>
            <ul className="split-parts-list">
              {tx.splits.map((p, i) => (
                <li key={i}>
                  <span>{p.categoryName ?? 'Uncategorised'}</span>
                  <span>{formatMoney(Math.abs(p.amountMinor), tx.currency)}</span>
                </li>
              ))}
            </ul>
            <div className="drawer-actions">
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit split
              </button>
              <button
                type="button"
                className="button button-quiet"
                disabled={saving}
                onClick={() => void unsplit()}
              >
                Remove split
              </button>
            </div>
          </>
        ) : (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Split this transaction
          </button>
        )}
      </section>
    );
  }

  return (
    <section className="split" aria-label="Split editor">
      <h3>Split {formatMoney(Math.abs(tx.amountMinor), tx.currency)}</h3>
      <ol className="split-parts">
        {parts.map((part, i) => (
          <li key={i} className="split-part" data-testid="split-part">
            <input
              className="amount-input"
              inputMode="decimal"
              aria-label={`Part ${i + 1} amount`}
              value={part.amountText}
              onChange={(e) => setPart(i, { amountText: e.target.value })}
            />
            <CategorySelect
              label={`Part ${i + 1} category`}
              emptyLabel="Choose a category"
              groupOption="general"
              value={part.category ?? ''}
              onChange={(category) => setPart(i, { category: category || null })}
            />
            {parts.length > 2 && (
              <button
                type="button"
                className="button button-quiet"
                aria-label={`Remove part ${i + 1}`}
                onClick={() => setParts((all) => all.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            )}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button-quiet"
        onClick={() =>
          setParts((all) => [
            ...all,
            { amountText: remainder > 0 ? amountInputText(remainder, tx.currency) : '', category: null },
          ])
        }
      >
        Add part
      </button>
      <Remainder remainderMinor={remainder} currency={tx.currency} />
      {check.problem && <p className="muted small split-problem">{check.problem}</p>}
      <div className="drawer-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={check.problem !== null || saving}
          onClick={async () => {
            const ok = await split(
              check.partsMinor.map((amountMinor, i) => ({
                amountMinor: amountMinor ?? 0,
                category: parts[i].category,
              })),
            );
            if (ok) setEditing(false);
          }}
        >
          Save split
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setParts(draftsOf(tx));
            setEditing(false);
          }}
        >
          Cancel
        </button>
      </div>
    </section>
  );
}
