/**
 * The keyboard shortcuts, in one table that both the key handler and the help sheet (`?`) read.
 * Single keys act only when no text field has the focus; Ctrl/Cmd+K works everywhere.
 */

export type ShortcutTarget =
  | { kind: 'palette' }
  | { kind: 'help' }
  | { kind: 'command'; id: string }
  | { kind: 'view-number'; index: number };

export interface Shortcut {
  /** As the help sheet shows it. */
  keys: string;
  description: string;
  target: ShortcutTarget;
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+K / ⌘K', description: 'Open the command palette', target: { kind: 'palette' } },
  { keys: '?', description: 'Show these shortcuts', target: { kind: 'help' } },
  { keys: '/', description: 'Search transactions', target: { kind: 'command', id: 'transactions.search' } },
  { keys: 'Shift+S', description: 'Sync now', target: { kind: 'command', id: 'sync.now' } },
  {
    keys: '1 … 9',
    description: 'Go to the view in that place of the navigation',
    target: { kind: 'view-number', index: 0 },
  },
];

/** What a key press asks for, or null. `typing`: the focus is in a text field. */
export function shortcutFor(e: KeyLike, typing: boolean): ShortcutTarget | null {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') return { kind: 'palette' };
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === '?') return { kind: 'help' };
  if (e.key === '/') return { kind: 'command', id: 'transactions.search' };
  if (e.key === 'S' && e.shiftKey) return { kind: 'command', id: 'sync.now' };
  if (/^[1-9]$/.test(e.key)) return { kind: 'view-number', index: Number(e.key) - 1 };
  return null;
}
