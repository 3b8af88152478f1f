import type { Category } from '../../../shared/api';

export interface CategoryGroupOption {
  group: Category;
  /** The group's own categories (Plaid's detailed ones, user categories filed under it), by name. */
  members: Category[];
}

/**
 * Categories for a picker: each group (a PFC primary, or a user category standing alone) with its
 * members; groups by name, user categories without a PFC group at the end as their own groups.
 */
export function categoryGroups(categories: Category[]): CategoryGroupOption[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const groups = new Map<string, CategoryGroupOption>();
  for (const c of categories) {
    if (c.id !== c.group) continue;
    groups.set(c.id, { group: c, members: [] });
  }
  for (const c of categories) {
    if (c.id === c.group) continue;
    let option = groups.get(c.group);
    if (!option) {
      const group = byId.get(c.group) ?? { ...c, id: c.group, name: c.group, kind: 'primary' as const };
      option = { group, members: [] };
      groups.set(c.group, option);
    }
    option.members.push(c);
  }
  const byName = (a: Category, b: Category) => a.name.localeCompare(b.name);
  for (const option of groups.values()) option.members.sort(byName);
  return [...groups.values()].sort(
    (a, b) => Number(a.group.kind === 'user') - Number(b.group.kind === 'user') || byName(a.group, b.group),
  );
}

/** The readable name of a category id, falling back to the id itself. */
export function categoryName(categories: Category[], id: string | null): string | null {
  if (id === null) return null;
  return categories.find((c) => c.id === id)?.name ?? id;
}
