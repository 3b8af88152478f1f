import { useState } from 'react';
import { useStore } from 'zustand';
import { EMPTY_RULE, ruleFromDraft, type RuleDraft } from './rule-draft';
import type { RuleInput } from './rules-store';
import { useShell } from '../../app/shell-context';
import { CategorySelect } from '../categories/CategorySelect';
import { TextField } from '../../ui/TextField';
import { INPUT_LIMITS } from '../../ui/input-limits';

/** Create or edit a rule. Conditions all have to match; every action given is applied. */
export function RuleForm({
  initial = EMPTY_RULE,
  submitLabel,
  offerHistory,
  onSubmit,
  onCancel,
}: {
  initial?: RuleDraft;
  submitLabel: string;
  /** Creating offers "also apply to history" in the same step. */
  offerHistory: boolean;
  onSubmit(input: RuleInput, applyToHistory: boolean): Promise<boolean>;
  onCancel(): void;
}) {
  const { accounts } = useShell();
  const allAccounts = useStore(accounts, (s) => s.accounts);
  const [draft, setDraft] = useState(initial);
  const [applyToHistory, setApplyToHistory] = useState(true);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const check = ruleFromDraft(draft);
  const patch = (p: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...p }));

  return (
    <form
      className="rule-form"
      aria-label={submitLabel}
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (!check.ok) return;
        setBusy(true);
        const input = {
          name: check.name,
          conditions: check.conditions,
          actions: check.actions,
          enabled: draft.enabled,
        };
        const ok = await onSubmit(input, offerHistory && applyToHistory);
        setBusy(false);
        if (ok) setDraft(initial);
      }}
    >
      <TextField
        label="Rule name"
        maxLength={INPUT_LIMITS.ruleName}
        placeholder="Optional"
        value={draft.name}
        onChange={(name) => patch({ name })}
      />
      <fieldset>
        <legend>When a transaction… (all that are filled in)</legend>
        <TextField
          label="Merchant contains"
          maxLength={INPUT_LIMITS.merchantContains}
          value={draft.merchantContains}
          onChange={(merchantContains) => patch({ merchantContains })}
        />
        <TextField
          label="Name contains"
          maxLength={INPUT_LIMITS.nameContains}
          value={draft.nameContains}
          onChange={(nameContains) => patch({ nameContains })}
        />
        <div className="field-row">
          <TextField
            label="Amount from"
            inputClassName="amount-input"
            inputMode="decimal"
            value={draft.amountMin}
            onChange={(amountMin) => patch({ amountMin })}
          />
          <TextField
            label="Amount to"
            heading="to"
            inputClassName="amount-input"
            inputMode="decimal"
            value={draft.amountMax}
            onChange={(amountMax) => patch({ amountMax })}
          />
        </div>
        <span className="muted small">Money out is positive, money in negative.</span>
        <label className="field">
          <span>Account</span>
          <select
            aria-label="Rule account"
            value={draft.accountIds[0] ?? ''}
            onChange={(e) => patch({ accountIds: e.target.value ? [e.target.value] : [] })}
          >
            <option value="">Any account</option>
            {allAccounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.mask ? `${a.name} ••${a.mask}` : a.name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Then</legend>
        <label className="field">
          <span>Set category</span>
          <CategorySelect
            label="Set category"
            emptyLabel="Leave the category"
            groupOption="general"
            value={draft.category}
            onChange={(category) => patch({ category })}
          />
        </label>
        <TextField
          label="Add tags"
          placeholder="comma-separated"
          value={draft.addTags}
          onChange={(addTags) => patch({ addTags })}
        />
        <TextField
          label="Rename to"
          maxLength={INPUT_LIMITS.rename}
          value={draft.rename}
          onChange={(rename) => patch({ rename })}
        />
      </fieldset>
      <label className="field-check">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => patch({ enabled: e.target.checked })}
        />
        Enabled (applies to transactions as they sync)
      </label>
      {offerHistory && (
        <label className="field-check">
          <input
            type="checkbox"
            aria-label="Also apply to history"
            checked={applyToHistory}
            onChange={(e) => setApplyToHistory(e.target.checked)}
          />
          Also apply to the transactions already here (fields you edited yourself are kept)
        </label>
      )}
      {!check.ok && tried && (
        <p className="notice notice-error" role="status">
          {check.problem}
        </p>
      )}
      <div className="drawer-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
