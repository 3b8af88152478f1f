/**
 * Categories: Plaid's taxonomy (readable names) plus the user's own. Every category id the app
 * writes is resolved here to its group, so that spending and filters can group by it.
 */
import { UNCATEGORIZED, type Category } from '../../../shared/api';
import { AppError } from '../errors';
import { nowIso, stmt, type Db } from '../ledger/statements';
import {
  INCOME_GROUP,
  PLAID_CATEGORIES,
  plaidCategory,
  plaidGroupOf,
  sentenceFromCode,
  TRANSFER_GROUPS,
} from './taxonomy';

export { UNCATEGORIZED };

interface UserCategoryRow {
  category_id: string;
  name: string;
  group_id: string;
}

function sideOfGroup(group: string): Category['side'] {
  if (group === INCOME_GROUP) return 'income';
  if (TRANSFER_GROUPS.includes(group)) return 'transfer';
  return 'spending';
}

function userCategory(r: UserCategoryRow): Category {
  return {
    id: r.category_id,
    name: r.name,
    kind: 'user',
    group: r.group_id,
    side: sideOfGroup(r.group_id),
    description: null,
  };
}

export function listUserCategories(db: Db): Category[] {
  return (
    stmt(
      db,
      `SELECT category_id, name, group_id FROM user_categories ORDER BY name`,
    ).all() as UserCategoryRow[]
  ).map(userCategory);
}

export function listCategories(db: Db): Category[] {
  return [...PLAID_CATEGORIES, ...listUserCategories(db)];
}

/** A known category (Plaid's or the user's), or null. */
export function findCategory(db: Db, id: string): Category | null {
  const plaid = plaidCategory(id);
  if (plaid) return plaid;
  if (id.startsWith('user:')) {
    const row = stmt(db, `SELECT category_id, name, group_id FROM user_categories WHERE category_id = ?`).get(
      id,
    ) as UserCategoryRow | undefined;
    return row ? userCategory(row) : null;
  }
  return null;
}

/** For writes: the category must exist; returns its group. */
export function requireCategory(db: Db, id: string): Category {
  const found = findCategory(db, id);
  if (!found) throw new AppError('UNKNOWN_CATEGORY', `There is no category ${id}; create it first.`);
  return found;
}

/** Display name of any category id, including codes Plaid added after this taxonomy was written. */
export function categoryName(db: Db, id: string | null, names?: Map<string, string>): string | null {
  if (id === null) return null;
  const cached = names?.get(id);
  if (cached !== undefined) return cached;
  const known = findCategory(db, id);
  let name: string;
  if (known) name = known.name;
  else if (id === UNCATEGORIZED) name = 'Uncategorized';
  else {
    const group = plaidGroupOf(id);
    name = sentenceFromCode(group !== id && id.startsWith(`${group}_`) ? id.slice(group.length + 1) : id);
  }
  names?.set(id, name);
  return name;
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'category'
  );
}

export function createUserCategory(db: Db, name: string, group: string | null): Category {
  let groupId: string;
  if (group === null) groupId = '';
  else {
    const g = plaidCategory(group);
    if (!g || g.kind !== 'primary')
      throw new AppError('UNKNOWN_CATEGORY', `${group} is not one of Plaid's primary categories.`);
    groupId = g.id;
  }
  // Two "Coffee" entries in every list would be indistinguishable: Plaid's names are taken too.
  const folded = name.trim().toLocaleLowerCase();
  const builtIn = PLAID_CATEGORIES.find((c) => c.name.toLocaleLowerCase() === folded);
  if (builtIn) {
    const group = builtIn.kind === 'detailed' ? plaidCategory(builtIn.group)?.name : null;
    throw new AppError(
      'CATEGORY_EXISTS',
      `"${builtIn.name}" is already one of the built-in categories${group ? ` (under ${group})` : ''}: use it, or choose another name.`,
    );
  }
  const exists = stmt(db, `SELECT 1 FROM user_categories WHERE name = ?`).get(name);
  if (exists) throw new AppError('CATEGORY_EXISTS', `A category named "${name}" already exists.`);
  let id = `user:${slug(name)}`;
  for (let n = 2; stmt(db, `SELECT 1 FROM user_categories WHERE category_id = ?`).get(id); n++)
    id = `user:${slug(name)}-${n}`;
  stmt(db, `INSERT INTO user_categories (category_id, name, group_id, created_at) VALUES (?, ?, ?, ?)`).run(
    id,
    name,
    groupId || id,
    nowIso(),
  );
  return requireCategory(db, id);
}
