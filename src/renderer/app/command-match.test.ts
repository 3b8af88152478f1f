import { describe, expect, it } from 'vitest';
import { assignCodes, fuzzyScore, rankCommands } from './command-match';

const items = [
  { id: 'sync', label: 'Sync now' },
  { id: 'spending', label: 'Go to Spending' },
  { id: 'search', label: 'Search transactions' },
  { id: 'settings', label: 'Go to Settings' },
  { id: 'dark', label: 'Theme: dark', keywords: 'night appearance' },
];

describe('fuzzyScore', () => {
  it('matches letters in order, and prefers word starts and runs', () => {
    expect(fuzzyScore('stn', 'Search transactions')).toBeGreaterThan(0);
    expect(fuzzyScore('xts', 'Search transactions')).toBe(0);
    expect(fuzzyScore('set', 'Go to Settings')).toBeGreaterThan(fuzzyScore('set', 'Search transactions'));
  });
});

describe('rankCommands', () => {
  it('puts the command whose code was typed first', () => {
    const codes = assignCodes(items);
    for (const item of items) {
      expect(codes.get(item.id)).toHaveLength(2);
      expect(rankCommands(items, codes, codes.get(item.id)!)[0]!.id).toBe(item.id);
    }
    expect(new Set(codes.values()).size).toBe(items.length);
    expect(codes.get('sync')).toBe('sn');
  });

  it('filters by fuzzy match on label and keywords, and lists all for an empty query', () => {
    const codes = assignCodes(items);
    expect(rankCommands(items, codes, 'settings').map((i) => i.id)[0]).toBe('settings');
    expect(rankCommands(items, codes, 'night').map((i) => i.id)).toEqual(['dark']);
    expect(rankCommands(items, codes, '').map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(rankCommands(items, codes, 'zzz')).toEqual([]);
  });

  it('finds a code for every command even when their names collide', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ id: `a${i}`, label: 'Account' }));
    const codes = assignCodes(many);
    expect(new Set(codes.values()).size).toBe(60);
    for (const item of many) expect(rankCommands(many, codes, codes.get(item.id)!)[0]!.id).toBe(item.id);
  });
});
