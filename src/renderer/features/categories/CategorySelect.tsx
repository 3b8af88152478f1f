import { useMemo } from 'react';
import { useStore } from 'zustand';
import { categoryGroups } from './category-options';
import { useShell } from '../../app/shell-context';
import { UNCATEGORIZED } from '../../../shared/api';

/**
 * Every category (Plaid's groups and detailed ones, the user's own) grouped as the ledger groups
 * them. `value` '' means none; an id the list does not know is still shown, by its id.
 */
export function CategorySelect({
  value,
  onChange,
  emptyLabel,
  label,
  id,
  groupOption = 'all',
  uncategorized = false,
}: {
  value: string;
  onChange(value: string): void;
  emptyLabel: string;
  label: string;
  id?: string;
  /** How a whole group (e.g. "Food and drink") is offered: as a filter ("All of …") or as a category itself. */
  groupOption?: 'all' | 'general';
  /** Offer the rows without a category (a filter, not a category one can set). */
  uncategorized?: boolean;
}) {
  const { categories } = useShell();
  const all = useStore(categories, (s) => s.categories);
  const groups = useMemo(() => categoryGroups(all), [all]);
  const known = value === '' || all.some((c) => c.id === value) || (uncategorized && value === UNCATEGORIZED);
  return (
    <select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{emptyLabel}</option>
      {uncategorized && <option value={UNCATEGORIZED}>Uncategorised</option>}
      {!known && <option value={value}>{value}</option>}
      {groups.map(({ group, members }) =>
        members.length === 0 ? (
          <option key={group.id} value={group.id}>
            {group.name}
          </option>
        ) : (
          <optgroup key={group.id} label={group.name}>
            <option value={group.id}>
              {groupOption === 'all' ? `All of ${group.name}` : `${group.name} (general)`}
            </option>
            {members.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </optgroup>
        ),
      )}
    </select>
  );
}
