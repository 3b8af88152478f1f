import type { Rule, RuleActions, RuleConditions } from '../../../shared/api';
import { amountInputText, parseAmountInput } from '../../ui/amount-input';
import { splitTags } from '../../ui/tags';

/** The rule form as typed. Amounts are in Plaid's sign (money out positive), read with two decimals. */
export interface RuleDraft {
  name: string;
  merchantContains: string;
  nameContains: string;
  amountMin: string;
  amountMax: string;
  accountIds: string[];
  category: string;
  /** Comma-separated, as typed. */
  addTags: string;
  rename: string;
  enabled: boolean;
}

export const EMPTY_RULE: RuleDraft = {
  name: '',
  merchantContains: '',
  nameContains: '',
  amountMin: '',
  amountMax: '',
  accountIds: [],
  category: '',
  addTags: '',
  rename: '',
  enabled: true,
};

const RULE_CURRENCY = 'USD';

export type RuleCheck =
  | { ok: true; name: string; conditions: RuleConditions; actions: RuleActions }
  | { ok: false; problem: string };

/** The contract's rule from the form, or the first reason it cannot be saved. */
export function ruleFromDraft(draft: RuleDraft): RuleCheck {
  const conditions: RuleConditions = {};
  const merchant = draft.merchantContains.trim();
  const name = draft.nameContains.trim();
  if (merchant) conditions.merchantContains = merchant;
  if (name) conditions.nameContains = name;
  for (const bound of ['amountMin', 'amountMax'] as const) {
    const text = draft[bound].trim();
    if (!text) continue;
    const minor = parseAmountInput(text, RULE_CURRENCY);
    if (minor === null)
      return {
        ok: false,
        problem: `The ${bound === 'amountMin' ? 'minimum' : 'maximum'} amount is not a number.`,
      };
    conditions[bound] = minor;
  }
  if (
    conditions.amountMin !== undefined &&
    conditions.amountMax !== undefined &&
    conditions.amountMin > conditions.amountMax
  ) {
    return { ok: false, problem: 'The minimum amount is above the maximum.' };
  }
  if (draft.accountIds.length > 0) conditions.accountIds = [...draft.accountIds];
  if (Object.keys(conditions).length === 0) {
    return {
      ok: false,
      problem: 'Give the rule at least one condition (merchant, name, amount or account).',
    };
  }

  const actions: RuleActions = {};
  if (draft.category) actions.category = draft.category;
  const tags = splitTags(draft.addTags);
  if (tags.length > 0) actions.addTags = tags;
  const rename = draft.rename.trim();
  if (rename) actions.rename = rename;
  if (Object.keys(actions).length === 0) {
    return { ok: false, problem: 'Give the rule at least one action (category, tags or rename).' };
  }
  return { ok: true, name: draft.name.trim() || defaultRuleName(conditions), conditions, actions };
}

/** "Merchant contains “Blue Bottle”" when the user gave no name. */
export function defaultRuleName(c: RuleConditions): string {
  if (c.merchantContains) return `Merchant contains “${c.merchantContains}”`;
  if (c.nameContains) return `Name contains “${c.nameContains}”`;
  return 'Amount and account rule';
}

export function draftFromRule(rule: Rule): RuleDraft {
  const c = rule.conditions;
  const a = rule.actions;
  return {
    name: rule.name,
    merchantContains: c.merchantContains ?? '',
    nameContains: c.nameContains ?? '',
    amountMin: c.amountMin === undefined ? '' : amountInputText(c.amountMin, RULE_CURRENCY),
    amountMax: c.amountMax === undefined ? '' : amountInputText(c.amountMax, RULE_CURRENCY),
    accountIds: c.accountIds ? [...c.accountIds] : [],
    category: a.category ?? '',
    addTags: (a.addTags ?? []).join(', '),
    rename: a.rename ?? '',
    enabled: rule.enabled,
  };
}
