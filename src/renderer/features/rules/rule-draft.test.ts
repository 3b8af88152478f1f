import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../shared/api';
import { splitTags } from '../../ui/tags';
import { draftFromRule, EMPTY_RULE, ruleFromDraft } from './rule-draft';

describe('rule draft', () => {
  it('turns the form into conditions and actions, naming the rule when the user did not', () => {
    const check = ruleFromDraft({
      ...EMPTY_RULE,
      merchantContains: ' Blue Bottle ',
      amountMin: '2',
      amountMax: '20.5',
      category: 'FOOD_AND_DRINK_COFFEE',
      addTags: 'coffee, treats, coffee',
    });
    expect(check).toEqual({
      ok: true,
      name: 'Merchant contains “Blue Bottle”',
      conditions: { merchantContains: 'Blue Bottle', amountMin: 200, amountMax: 2050 },
      actions: { category: 'FOOD_AND_DRINK_COFFEE', addTags: ['coffee', 'treats'] },
    });
  });

  it('refuses a rule without a condition, without an action, or with an unreadable amount', () => {
    expect(ruleFromDraft({ ...EMPTY_RULE, category: 'X' })).toMatchObject({
      ok: false,
      problem: /condition/,
    });
    expect(ruleFromDraft({ ...EMPTY_RULE, nameContains: 'uber' })).toMatchObject({
      ok: false,
      problem: /action/,
    });
    expect(
      ruleFromDraft({ ...EMPTY_RULE, nameContains: 'uber', rename: 'Uber', amountMax: 'x' }),
    ).toMatchObject({
      ok: false,
      problem: /maximum/,
    });
    expect(
      ruleFromDraft({ ...EMPTY_RULE, nameContains: 'uber', rename: 'Uber', amountMin: '9', amountMax: '1' }),
    ).toMatchObject({ ok: false, problem: /above/ });
  });

  it('edits an existing rule through the same form', () => {
    const rule: Rule = {
      id: 'r1',
      name: 'Rides',
      enabled: false,
      position: 1,
      conditions: { nameContains: 'UBER', accountIds: ['acc'], amountMax: 5000 },
      actions: { rename: 'Uber', addTags: ['travel', 'work'] },
      createdAt: '2025-01-01T00:00:00Z',
    };
    const draft = draftFromRule(rule);
    expect(draft).toMatchObject({ amountMax: '50.00', addTags: 'travel, work', enabled: false });
    expect(ruleFromDraft(draft)).toEqual({
      ok: true,
      name: 'Rides',
      conditions: rule.conditions,
      actions: rule.actions,
    });
    expect(splitTags(' , a,,b ')).toEqual(['a', 'b']);
  });
});
