import { describe, expect, it } from 'vitest';
import type { CofferApi, Rule } from '../../../shared/api';
import { createErrorsStore } from '../../ui/errors-store';
import { createRulesStore } from './rules-store';

const rule = (id: string, position: number): Rule => ({
  id,
  name: id,
  enabled: true,
  position,
  conditions: { merchantContains: id },
  actions: { addTags: ['x'] },
  createdAt: '2025-01-01T00:00:00Z',
});

describe('rules store', () => {
  it('lists by position, creates with history applied, and reports the outcome of a run', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let ledgerChanges = 0;
    const api = {
      'rules.list': async () => ({ rules: [rule('b', 2), rule('a', 1)] }),
      'rules.create': async (req: { applyToHistory: boolean }) => ({
        rule: rule('c', 3),
        changed: req.applyToHistory ? 7 : 0,
      }),
      'rules.apply': async () => {
        await gate;
        return { matched: 12, changed: 4 };
      },
    } as unknown as CofferApi;
    const store = createRulesStore(api, createErrorsStore(), { ledgerChanged: () => ledgerChanges++ });
    await store.getState().load();
    expect(store.getState().rules.map((r) => r.id)).toEqual(['a', 'b']);

    await store.getState().create({ name: 'c', conditions: {}, actions: {}, enabled: true }, true);
    expect(store.getState().outcomes.c.text).toBe('Saved and applied to history. Changed 7 transactions.');
    expect(ledgerChanges).toBe(1);

    const run = store.getState().apply('a');
    expect(store.getState()).toMatchObject({
      applying: 'a',
      outcomes: { a: { text: 'Applying to history…' } },
    });
    await store.getState().apply('b'); // one run at a time
    release();
    await run;
    expect(store.getState().applying).toBeNull();
    expect(store.getState().outcomes.a.text).toBe('Applied to history. Matched 12, changed 4 transactions.');
    expect(store.getState().outcomes.b).toBeUndefined();
    expect(ledgerChanges).toBe(2);
  });
});
