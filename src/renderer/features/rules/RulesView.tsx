import { useEffect, useState } from 'react';
import { useRequest } from '../../ui/use-request';
import { useStore } from 'zustand';
import type { Category, Rule } from '../../../shared/api';
import { formatMoney } from '../../../shared/money';
import { categoryName } from '../categories/category-options';
import { draftFromRule } from './rule-draft';
import { useShell } from '../../app/shell-context';
import { rulesSlice } from './slice';
import { StatusText } from '../../ui/StatusText';
import { RuleForm } from './RuleForm';
import { useViewReady } from '../../ui/view-ready';

function describeConditions(rule: Rule, accountName: (id: string) => string): string {
  const c = rule.conditions;
  const parts: string[] = [];
  if (c.merchantContains) parts.push(`merchant contains “${c.merchantContains}”`);
  if (c.nameContains) parts.push(`name contains “${c.nameContains}”`);
  if (c.amountMin !== undefined && c.amountMax !== undefined) {
    parts.push(`amount ${formatMoney(c.amountMin, 'USD')} to ${formatMoney(c.amountMax, 'USD')}`);
  } else if (c.amountMin !== undefined) parts.push(`amount at least ${formatMoney(c.amountMin, 'USD')}`);
  else if (c.amountMax !== undefined) parts.push(`amount at most ${formatMoney(c.amountMax, 'USD')}`);
  if (c.accountIds?.length) parts.push(`account ${c.accountIds.map(accountName).join(' or ')}`);
  return `When ${parts.join(' and ')}`;
}

function describeActions(rule: Rule, categories: Category[]): string {
  const a = rule.actions;
  const parts: string[] = [];
  if (a.category) parts.push(`set category to ${categoryName(categories, a.category)}`);
  if (a.addTags?.length) parts.push(`add tags ${a.addTags.map((t) => `#${t}`).join(' ')}`);
  if (a.rename) parts.push(`rename to “${a.rename}”`);
  return parts.join(', ');
}

function RuleRow({ rule }: { rule: Rule }) {
  const shell = useShell();
  const { rules } = rulesSlice.useSlice();
  const categories = useStore(shell.categories, (s) => s.categories);
  const accounts = useStore(shell.accounts, (s) => s.accounts);
  const applying = useStore(rules, (s) => s.applying);
  const outcome = useStore(rules, (s) => s.outcomes[rule.id] ?? null);
  const { update, remove, apply } = rules.getState();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const accountName = (id: string) => accounts.find((a) => a.id === id)?.name ?? id;

  if (editing) {
    return (
      <li className="rule-row" data-testid="rule-row" data-rule-id={rule.id}>
        <RuleForm
          initial={draftFromRule(rule)}
          submitLabel="Save rule"
          offerHistory={false}
          onSubmit={async (input) => {
            const ok = await update(rule.id, input);
            if (ok) setEditing(false);
            return ok;
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li
      className={`rule-row${rule.enabled ? '' : ' rule-disabled'}`}
      data-testid="rule-row"
      data-rule-id={rule.id}
    >
      <div className="rule-text">
        <span className="rule-name">
          {rule.name}
          {!rule.enabled && <span className="badge badge-pending">Off</span>}
        </span>
        <span className="muted small">
          {describeConditions(rule, accountName)}: {describeActions(rule, categories)}.
        </span>
        <StatusText status={outcome} testId="rule-outcome" />
      </div>
      <div className="rule-actions">
        <button
          type="button"
          className="button"
          disabled={applying !== null}
          aria-busy={applying === rule.id}
          onClick={() => void apply(rule.id)}
        >
          {applying === rule.id ? 'Applying…' : 'Apply to history'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setEditing(true)}>
          Edit
        </button>
        {confirming ? (
          <>
            <button type="button" className="button button-danger" onClick={() => void remove(rule.id)}>
              Delete rule
            </button>
            <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}

export function RulesView() {
  const { rules: store, newRule } = rulesSlice.useSlice();
  const rules = useStore(store, (s) => s.rules);
  const loaded = useStore(store, (s) => s.loaded);
  useViewReady('rules', loaded);
  const applying = useStore(store, (s) => s.applying);
  const allOutcome = useStore(store, (s) => s.outcomes.all ?? null);
  const [adding, setAdding] = useState(false);
  useRequest(newRule, () => setAdding(true));

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  return (
    <section className="panel view-panel rules-view" aria-labelledby="rules-title">
      <div className="panel-heading">
        <h2 id="rules-title">Rules</h2>
        <div className="header-actions">
          <StatusText status={allOutcome} testId="rules-outcome" />
          {rules.length > 0 && (
            <button
              type="button"
              className="button"
              disabled={applying !== null}
              onClick={() => void store.getState().apply(null)}
            >
              {applying === 'all' ? 'Applying…' : 'Apply all to history'}
            </button>
          )}
          {!adding && (
            <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
              New rule
            </button>
          )}
        </div>
      </div>
      <p className="muted view-help">
        Rules run on every transaction as it syncs, in order; a later rule’s category or name wins. Anything
        you edited yourself on a transaction is never changed by a rule.
      </p>
      {adding && (
        <RuleForm
          submitLabel="Create rule"
          offerHistory
          onSubmit={async (input, applyToHistory) => {
            const rule = await store.getState().create(input, applyToHistory);
            if (rule) setAdding(false);
            return rule !== null;
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {applying === 'new' && <p className="muted view-help">Applying the new rule to history…</p>}
      {loaded && rules.length === 0 && !adding && (
        <p className="empty-list muted">
          No rules yet. A rule can categorise, tag or rename transactions for you.
        </p>
      )}
      <ol className="rule-list" data-testid="rules">
        {rules.map((rule) => (
          <RuleRow key={rule.id} rule={rule} />
        ))}
      </ol>
    </section>
  );
}
