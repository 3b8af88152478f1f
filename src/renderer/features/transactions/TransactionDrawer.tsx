import { useState } from 'react';
import { useStore } from 'zustand';
import type { LockableField, Transaction } from '../../../shared/api';
import { formatMoney } from '../../../shared/money';
import { formatDay, transactionAmount } from '../../ui/format/display';
import { splitTags } from '../../ui/tags';
import type { TransactionEdit } from './detail-store';
import { transactionsSlice } from './slice';
import { CategorySelect } from '../categories/CategorySelect';
import { NewCategory } from './NewCategory';
import { SplitEditor } from './SplitEditor';
import { TextField } from '../../ui/TextField';
import { INPUT_LIMITS } from '../../ui/input-limits';

function LockMark({ tx, field }: { tx: Transaction; field: LockableField }) {
  if (!tx.locked.includes(field)) return null;
  return (
    <span className="lock-mark" title="You edited this: syncs and rules leave it alone">
      edited by you
    </span>
  );
}

/** Only what the user changed goes to the ledger, since each edit locks its field. */
function changes(tx: Transaction, form: FormState): TransactionEdit {
  const edit: TransactionEdit = {};
  if (form.name.trim() && form.name.trim() !== tx.name) edit.name = form.name.trim();
  if (form.category !== (tx.category ?? '') && form.category) edit.category = form.category;
  const note = form.note.trim() === '' ? null : form.note;
  if (note !== tx.note) edit.note = note;
  const tags = splitTags(form.tags);
  if (tags.join(',') !== tx.tags.join(',')) edit.tags = tags;
  if (form.excluded !== tx.excluded) edit.excluded = form.excluded;
  return edit;
}

interface FormState {
  name: string;
  category: string;
  note: string;
  tags: string;
  excluded: boolean;
}

function formOf(tx: Transaction): FormState {
  return {
    name: tx.name,
    category: tx.category ?? '',
    note: tx.note ?? '',
    tags: tx.tags.join(', '),
    excluded: tx.excluded,
  };
}

function EditForm({ tx }: { tx: Transaction }) {
  const { detail } = transactionsSlice.useSlice();
  const saving = useStore(detail, (s) => s.saving);
  const update = useStore(detail, (s) => s.update);
  const [form, setForm] = useState(() => formOf(tx));
  const [creating, setCreating] = useState(false);
  const edit = changes(tx, form);
  const dirty = Object.keys(edit).length > 0;
  const patch = (p: Partial<FormState>) => setForm((f) => ({ ...f, ...p }));

  return (
    <form
      className="drawer-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty) void update(edit);
      }}
    >
      <label className="field">
        <span>
          Name <LockMark tx={tx} field="name" />
        </span>
        <input
          aria-label="Name"
          maxLength={INPUT_LIMITS.transactionName}
          value={form.name}
          onChange={(e) => patch({ name: e.target.value })}
        />
        {tx.name !== tx.originalName && <span className="muted small">Bank’s name: {tx.originalName}</span>}
      </label>
      {tx.locked.includes('name') && (
        <button type="button" className="button button-quiet" onClick={() => void update({ name: null })}>
          Use the bank’s name
        </button>
      )}

      <div className="field">
        <span>
          Category <LockMark tx={tx} field="category" />
        </span>
        {tx.splits.length > 0 ? (
          <span className="muted small">Split: each part has its own category (below).</span>
        ) : creating ? (
          <NewCategory
            onCreated={(c) => {
              patch({ category: c.id });
              setCreating(false);
            }}
            onCancel={() => setCreating(false)}
          />
        ) : (
          <div className="field-row">
            <CategorySelect
              label="Category"
              emptyLabel="Uncategorised"
              groupOption="general"
              value={form.category}
              onChange={(category) => patch({ category })}
            />
            <button type="button" className="button button-quiet" onClick={() => setCreating(true)}>
              New category…
            </button>
          </div>
        )}
        {tx.categorySource && tx.splits.length === 0 && (
          <span className="muted small">
            {tx.categorySource === 'user'
              ? 'Set by you'
              : tx.categorySource === 'rule'
                ? 'Set by a rule'
                : 'From the bank'}
          </span>
        )}
      </div>
      {tx.locked.includes('category') && (
        <button type="button" className="button button-quiet" onClick={() => void update({ category: null })}>
          Use the bank’s or rules’ category
        </button>
      )}

      <label className="field">
        <span>
          Note <LockMark tx={tx} field="note" />
        </span>
        <textarea
          aria-label="Note"
          maxLength={INPUT_LIMITS.note}
          rows={2}
          value={form.note}
          onChange={(e) => patch({ note: e.target.value })}
        />
      </label>

      <TextField
        label="Tags"
        heading={
          <>
            Tags <LockMark tx={tx} field="tags" />
          </>
        }
        placeholder="comma-separated"
        value={form.tags}
        onChange={(tags) => patch({ tags })}
      />

      <label className="field-check">
        <input
          type="checkbox"
          aria-label="Leave out of totals"
          checked={form.excluded}
          onChange={(e) => patch({ excluded: e.target.checked })}
        />
        Leave out of totals <LockMark tx={tx} field="excluded" />
      </label>

      <div className="drawer-actions">
        <button type="submit" className="button button-primary" disabled={!dirty || saving}>
          Save changes
        </button>
        {dirty && (
          <button type="button" className="button button-quiet" onClick={() => setForm(formOf(tx))}>
            Discard
          </button>
        )}
      </div>
    </form>
  );
}

/** What the form and the split editor start from; a new value (a save, a sync) starts them afresh. */
function editKey(tx: Transaction): string {
  return JSON.stringify([tx.id, tx.name, tx.category, tx.note, tx.tags, tx.excluded, tx.splits]);
}

export function TransactionDrawer() {
  const { detail } = transactionsSlice.useSlice();
  const tx = useStore(detail, (s) => s.transaction);
  const gone = useStore(detail, (s) => s.gone);
  const problem = useStore(detail, (s) => s.problem);
  const close = useStore(detail, (s) => s.close);

  return (
    <aside className="panel drawer" aria-label="Transaction details" data-testid="transaction-detail">
      <div className="drawer-heading">
        <h2>Transaction</h2>
        <button type="button" className="button button-quiet" onClick={close} aria-label="Close details">
          Close
        </button>
      </div>
      {gone && (
        <p className="muted drawer-body">
          This transaction is no longer in the ledger: a pending one that posted appears as a new row,
          carrying your edits.
        </p>
      )}
      {!gone && !tx && <p className="muted drawer-body">Loading…</p>}
      {tx && (
        <div className="drawer-body" data-transaction-id={tx.id}>
          <div className="drawer-summary">
            <span className="drawer-title">{tx.name}</span>
            <span className={`drawer-amount${tx.amountMinor < 0 ? ' amount-in' : ''}`}>
              {transactionAmount(tx.amountMinor, tx.currency).text}
            </span>
            <span className="muted small">
              {formatDay(tx.date)}
              {tx.authorizedDate &&
                tx.authorizedDate !== tx.date &&
                ` · authorized ${formatDay(tx.authorizedDate)}`}{' '}
              · {tx.accountName}
              {tx.merchantName && ` · ${tx.merchantName}`}
            </span>
            <span className="muted small">
              {tx.pending ? 'Pending: the amount may still change.' : 'Posted.'}
            </span>
          </div>
          {tx.review && (
            <p className="notice notice-review" data-testid="review-notice">
              Needs review: it posted at {formatMoney(tx.amountMinor, tx.currency)}, pending was{' '}
              {formatMoney(tx.review.pendingAmountMinor, tx.currency)} (difference{' '}
              {tx.review.differenceMinor > 0 ? '+' : '−'}
              {formatMoney(Math.abs(tx.review.differenceMinor), tx.currency)}). Your split was kept; check its
              parts.
            </p>
          )}
          {tx.transfer && (
            <p className="notice">A transfer between your own accounts: it is never counted as spending.</p>
          )}
          {problem && (
            <p className="notice notice-error" role="status">
              {problem}
            </p>
          )}
          <EditForm key={editKey(tx)} tx={tx} />
          <SplitEditor key={`split:${editKey(tx)}`} tx={tx} />
        </div>
      )}
    </aside>
  );
}
