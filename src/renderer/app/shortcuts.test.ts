import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('opens the palette with Ctrl+K or Cmd+K, even while typing', () => {
    expect(shortcutFor(key('k', { ctrlKey: true }), false)).toEqual({ kind: 'palette' });
    expect(shortcutFor(key('k', { metaKey: true }), true)).toEqual({ kind: 'palette' });
  });

  it('maps the single keys to help, search, sync and the n-th view', () => {
    expect(shortcutFor(key('?', { shiftKey: true }), false)).toEqual({ kind: 'help' });
    expect(shortcutFor(key('/'), false)).toEqual({ kind: 'command', id: 'transactions.search' });
    expect(shortcutFor(key('S', { shiftKey: true }), false)).toEqual({ kind: 'command', id: 'sync.now' });
    expect(shortcutFor(key('3'), false)).toEqual({ kind: 'view-number', index: 2 });
  });

  it('leaves single keys to a text field that has the focus, and ignores other keys', () => {
    expect(shortcutFor(key('/'), true)).toBeNull();
    expect(shortcutFor(key('3'), true)).toBeNull();
    expect(shortcutFor(key('s'), false)).toBeNull();
    expect(shortcutFor(key('0'), false)).toBeNull();
    expect(shortcutFor(key('r', { ctrlKey: true }), false)).toBeNull();
  });
});
