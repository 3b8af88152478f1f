import { useState } from 'react';
import { useStore } from 'zustand';
import type { Category } from '../../../shared/api';
import { useShell } from '../../app/shell-context';
import { INPUT_LIMITS } from '../../ui/input-limits';

/** Creates a user category inline; optionally filed under a Plaid group so it counts on that side. */
export function NewCategory({ onCreated, onCancel }: { onCreated(c: Category): void; onCancel(): void }) {
  const { categories } = useShell();
  const all = useStore(categories, (s) => s.categories);
  const create = useStore(categories, (s) => s.create);
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [busy, setBusy] = useState(false);
  const primaries = all.filter((c) => c.kind === 'primary').sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="new-category" role="group" aria-label="New category">
      <input
        aria-label="New category name"
        maxLength={INPUT_LIMITS.categoryName}
        placeholder="Category name"
        value={name}
        autoFocus
        onChange={(e) => setName(e.target.value)}
      />
      <select aria-label="Counts under" value={group} onChange={(e) => setGroup(e.target.value)}>
        <option value="">Its own group</option>
        {primaries.map((c) => (
          <option key={c.id} value={c.id}>
            Under {c.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        disabled={busy || name.trim() === ''}
        onClick={async () => {
          setBusy(true);
          const created = await create(name.trim(), group || null);
          setBusy(false);
          if (created) onCreated(created);
        }}
      >
        Create category
      </button>
      <button type="button" className="button button-quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
