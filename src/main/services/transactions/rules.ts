/**
 * Rules: conditions on what Plaid sent (merchant, name, amount, account) and actions (category,
 * tags, rename). They run on every row a sync writes, and over the whole history on request.
 * Rules write their own columns (rule_category, rule_name) and add tags; the user's own edits
 * live in other columns and win, so a rule never overrides what the user set by hand.
 */
import { randomUUID } from 'node:crypto';
import { Rule, RuleActions, RuleConditions } from '../../../shared/api';
import { AppError } from '../errors';
import { requireCategory } from './categories';
import { nowIso, stmt, type Db } from '../ledger/statements';

export const LOCK = { category: 1, name: 2, note: 4, tags: 8, excluded: 16 } as const;

export interface RuleSubject {
  /** Plaid's original name. */
  name: string;
  merchantName: string | null;
  amountMinor: number;
  accountId: string;
}

export interface RuleVerdict {
  /** Ids of the rules that matched, in order. */
  matched: string[];
  category: string | null;
  categoryGroup: string | null;
  rename: string | null;
  tags: string[];
}

export interface CompiledRule {
  id: string;
  test(s: RuleSubject): boolean;
  category: string | null;
  categoryGroup: string | null;
  rename: string | null;
  tags: string[];
}

interface RuleRow {
  rule_id: string;
  name: string;
  enabled: number;
  position: number;
  conditions_json: string;
  actions_json: string;
  created_at: string;
}

function toRule(r: RuleRow): Rule {
  return {
    id: r.rule_id,
    name: r.name,
    enabled: r.enabled === 1,
    position: r.position,
    conditions: RuleConditions.parse(JSON.parse(r.conditions_json)),
    actions: RuleActions.parse(JSON.parse(r.actions_json)),
    createdAt: r.created_at,
  };
}

export function listRules(db: Db): Rule[] {
  return (stmt(db, `SELECT * FROM rules ORDER BY position, created_at`).all() as RuleRow[]).map(toRule);
}

export function getRule(db: Db, id: string): Rule {
  const row = stmt(db, `SELECT * FROM rules WHERE rule_id = ?`).get(id) as RuleRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No rule with id ${id}.`);
  return toRule(row);
}

function checkActions(db: Db, actions: RuleActions): void {
  if (actions.category !== undefined) requireCategory(db, actions.category);
}

export function createRule(
  db: Db,
  input: { name: string; conditions: RuleConditions; actions: RuleActions; enabled: boolean },
): Rule {
  checkActions(db, input.actions);
  const id = `rule-${randomUUID()}`;
  const position = ((stmt(db, `SELECT max(position) FROM rules`).pluck().get() as number | null) ?? 0) + 1;
  stmt(
    db,
    `INSERT INTO rules (rule_id, name, enabled, position, conditions_json, actions_json, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    input.name,
    input.enabled ? 1 : 0,
    position,
    JSON.stringify(input.conditions),
    JSON.stringify(input.actions),
    nowIso(),
  );
  return getRule(db, id);
}

export function updateRule(
  db: Db,
  patch: {
    id: string;
    name?: string;
    conditions?: RuleConditions;
    actions?: RuleActions;
    enabled?: boolean;
    position?: number;
  },
): Rule {
  const current = getRule(db, patch.id);
  const next = {
    name: patch.name ?? current.name,
    conditions: patch.conditions ?? current.conditions,
    actions: patch.actions ?? current.actions,
    enabled: patch.enabled ?? current.enabled,
    position: patch.position ?? current.position,
  };
  checkActions(db, next.actions);
  stmt(
    db,
    `UPDATE rules SET name = ?, enabled = ?, position = ?, conditions_json = ?, actions_json = ? WHERE rule_id = ?`,
  ).run(
    next.name,
    next.enabled ? 1 : 0,
    next.position,
    JSON.stringify(next.conditions),
    JSON.stringify(next.actions),
    patch.id,
  );
  return getRule(db, patch.id);
}

export function deleteRule(db: Db, id: string): boolean {
  return stmt(db, `DELETE FROM rules WHERE rule_id = ?`).run(id).changes > 0;
}

function compile(db: Db, rule: Rule): CompiledRule {
  const c = rule.conditions;
  const merchant = c.merchantContains?.toLowerCase();
  const name = c.nameContains?.toLowerCase();
  const accounts = c.accountIds ? new Set(c.accountIds) : null;
  const category = rule.actions.category ?? null;
  // A category deleted since the rule was written makes the rule set nothing rather than fail a sync.
  let categoryGroup: string | null = null;
  let usable = category;
  if (category !== null) {
    try {
      categoryGroup = requireCategory(db, category).group;
    } catch {
      usable = null;
    }
  }
  return {
    id: rule.id,
    test: (s) =>
      (merchant === undefined ||
        (s.merchantName !== null && s.merchantName.toLowerCase().includes(merchant))) &&
      (name === undefined || s.name.toLowerCase().includes(name)) &&
      (c.amountMin === undefined || s.amountMinor >= c.amountMin) &&
      (c.amountMax === undefined || s.amountMinor <= c.amountMax) &&
      (accounts === null || accounts.has(s.accountId)),
    category: usable,
    categoryGroup,
    rename: rule.actions.rename ?? null,
    tags: rule.actions.addTags ?? [],
  };
}

/** The enabled rules in the order they apply. */
export function loadRules(db: Db): CompiledRule[] {
  return listRules(db)
    .filter((r) => r.enabled)
    .map((r) => compile(db, r));
}

export function evaluateRules(rules: readonly CompiledRule[], subject: RuleSubject): RuleVerdict | null {
  let verdict: RuleVerdict | null = null;
  for (const rule of rules) {
    if (!rule.test(subject)) continue;
    verdict ??= { matched: [], category: null, categoryGroup: null, rename: null, tags: [] };
    verdict.matched.push(rule.id);
    if (rule.category !== null) {
      verdict.category = rule.category;
      verdict.categoryGroup = rule.categoryGroup;
    }
    if (rule.rename !== null) verdict.rename = rule.rename;
    for (const tag of rule.tags) if (!verdict.tags.includes(tag)) verdict.tags.push(tag);
  }
  return verdict;
}

const BATCH = 5000;

interface HistoryRow {
  rowid: number;
  transaction_id: string;
  name: string;
  merchant_name: string | null;
  amount_minor: number;
  account_id: string;
  rule_name: string | null;
  rule_category: string | null;
  locked: number;
  tags: string | null;
}

/**
 * Re-runs every enabled rule over every transaction, in batches of one write transaction each
 * (a reader never waits long). Rows no rule matches lose earlier rule results; tags are rewritten
 * only where the user has not set them by hand. `only` counts matches of one rule.
 */
export function applyRulesToHistory(
  db: Db,
  only: string | null,
  write: <T>(fn: () => T) => T,
): { matched: number; changed: number } {
  const rules = loadRules(db);
  let matched = 0;
  let changed = 0;
  let after = -1;
  const read = stmt(
    db,
    `SELECT t.rowid, t.transaction_id, t.name, t.merchant_name, t.amount_minor, t.account_id, t.rule_name,
       t.rule_category, t.locked,
       (SELECT group_concat(tag, char(31)) FROM transaction_tags g WHERE g.transaction_id = t.transaction_id) AS tags
     FROM transactions t WHERE t.rowid > ? ORDER BY t.rowid LIMIT ?`,
  );
  const setRule = stmt(
    db,
    `UPDATE transactions SET rule_name = ?, rule_category = ?, rule_category_group = ? WHERE rowid = ?`,
  );
  const clearTags = stmt(db, `DELETE FROM transaction_tags WHERE transaction_id = ?`);
  const addTag = stmt(db, `INSERT OR IGNORE INTO transaction_tags (transaction_id, tag) VALUES (?, ?)`);
  for (;;) {
    const rows = read.all(after, BATCH) as HistoryRow[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1].rowid;
    write(() => {
      for (const r of rows) {
        const v = evaluateRules(rules, {
          name: r.name,
          merchantName: r.merchant_name,
          amountMinor: r.amount_minor,
          accountId: r.account_id,
        });
        if (v && (only === null || v.matched.includes(only))) matched++;
        const category = v?.category ?? null;
        const rename = v?.rename ?? null;
        let rowChanged = false;
        if (category !== r.rule_category || rename !== r.rule_name) {
          setRule.run(rename, category, v?.categoryGroup ?? null, r.rowid);
          rowChanged = true;
        }
        if ((r.locked & LOCK.tags) === 0) {
          const current = r.tags ? r.tags.split('\u001f').sort() : [];
          const wanted = [...(v?.tags ?? [])].sort();
          if (current.join('\u001f') !== wanted.join('\u001f')) {
            clearTags.run(r.transaction_id);
            for (const tag of wanted) addTag.run(r.transaction_id, tag);
            rowChanged = true;
          }
        }
        if (rowChanged) changed++;
      }
    });
  }
  return { matched, changed };
}
