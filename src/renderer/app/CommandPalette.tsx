import { useMemo, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { assignCodes, rankCommands } from './command-match';
import { paletteCommands, type Command } from './commands';
import type { PaletteStore } from './palette-store';
import { useShell } from './shell-context';
import { shellActions } from './shell-actions';
import { ModalOverlay } from './ModalOverlay';
import type { MountedView } from './view-entry';

/** Every command the palette offers now, with its two-letter code. */
export function useCommands(views: readonly MountedView[], palette: PaletteStore) {
  const shell = useShell();
  const accounts = useStore(shell.accounts, (s) => s.accounts);
  const items = useStore(shell.items, (s) => s.items);
  return useMemo(() => {
    const commands = paletteCommands({
      views,
      shellActions: shellActions(shell, palette, items),
      accounts,
      go: (id) => shell.navigation.getState().go(id),
      showAccount: (id) => shell.intents.showTransactions({ accountIds: [id] }),
    });
    return { commands, codes: assignCodes(commands) };
  }, [views, shell, palette, accounts, items]);
}

/** Ctrl/Cmd+K: type to filter (or a command's two letters), arrows to choose, Enter to run. */
export function CommandPalette({
  views,
  palette,
  onClose,
}: {
  views: readonly MountedView[];
  palette: PaletteStore;
  onClose(run?: Command): void;
}) {
  const { commands, codes } = useCommands(views, palette);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => rankCommands(commands, codes, query), [commands, codes, query]);
  const current = Math.min(active, Math.max(0, results.length - 1));

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + results.length) % Math.max(1, results.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (results[current]) onClose(results[current]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      // The field is the dialog's one stop: the list is chosen with the arrows.
      e.preventDefault();
    }
  };

  return (
    <ModalOverlay className="palette" testId="command-palette" label="Command palette" onClose={onClose}>
      <input
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-autocomplete="list"
        aria-activedescendant={results[current] ? `palette-option-${current}` : undefined}
        aria-label="Command, view or account"
        placeholder="Type a command, a view, an account — or the two letters beside it"
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="palette-list" id="palette-list" role="listbox" aria-label="Commands">
        {results.map((c, i) => (
          <li
            key={c.id}
            id={`palette-option-${i}`}
            role="option"
            aria-selected={i === current}
            className={`palette-option${i === current ? ' palette-option-active' : ''}`}
            data-command-id={c.id}
            onMouseMove={() => setActive(i)}
            onClick={() => onClose(c)}
          >
            <span className="palette-group">{c.group}</span>
            <span className="palette-label">{c.label}</span>
            <kbd className="palette-code" aria-label={`code ${codes.get(c.id)!.split('').join(' ')}`}>
              {codes.get(c.id)}
            </kbd>
          </li>
        ))}
      </ul>
      {results.length === 0 && <p className="muted palette-empty">Nothing matches “{query}”.</p>}
    </ModalOverlay>
  );
}
