import { describe, expect, it } from 'vitest';
import type { Category } from '../../../shared/api';
import { categoryGroups, categoryName } from './category-options';

const cat = (id: string, name: string, kind: Category['kind'], group = id): Category => ({
  id,
  name,
  kind,
  group,
  side: 'spending',
  description: null,
});

describe('category picker groups', () => {
  it('files detailed and user categories under their group, user groups last', () => {
    const groups = categoryGroups([
      cat('user:gifts', 'Gifts', 'user'),
      cat('FOOD_AND_DRINK_COFFEE', 'Coffee', 'detailed', 'FOOD_AND_DRINK'),
      cat('TRANSPORTATION', 'Transportation', 'primary'),
      cat('FOOD_AND_DRINK', 'Food and drink', 'primary'),
      cat('user:snacks', 'Snacks', 'user', 'FOOD_AND_DRINK'),
      cat('FOOD_AND_DRINK_BEER', 'Beer', 'detailed', 'FOOD_AND_DRINK'),
    ]);
    expect(groups.map((g) => [g.group.id, g.members.map((m) => m.name)])).toEqual([
      ['FOOD_AND_DRINK', ['Beer', 'Coffee', 'Snacks']],
      ['TRANSPORTATION', []],
      ['user:gifts', []],
    ]);
  });

  it('names ids, falling back to the id', () => {
    expect(categoryName([cat('A', 'Aa', 'primary')], 'A')).toBe('Aa');
    expect(categoryName([], 'B')).toBe('B');
    expect(categoryName([], null)).toBeNull();
  });
});
