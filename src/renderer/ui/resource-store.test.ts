import { describe, expect, it } from 'vitest';
import { createErrorsStore } from './errors-store';
import { createResourceStore, reloadIfLoaded } from './resource-store';

describe('resource store', () => {
  it('spreads the answer into the state and marks it loaded', async () => {
    const errors = createErrorsStore();
    const store = createResourceStore({ names: [] as string[] }, async () => ({ names: ['a'] }), errors);
    expect(store.getState()).toMatchObject({ names: [], loaded: false });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ names: ['a'], loaded: true });
  });

  it('keeps the last answer and reports a failed read to the banner', async () => {
    const errors = createErrorsStore();
    let fail = false;
    const store = createResourceStore(
      { n: 0 },
      async () => {
        if (fail) throw new Error('ledger busy');
        return { n: 1 };
      },
      errors,
    );
    await store.getState().load();
    fail = true;
    await store.getState().load();
    expect(store.getState().n).toBe(1);
    expect(errors.getState().errors.map((e) => e.text)).toEqual(['ledger busy']);
  });

  it('adds actions that change the same data', async () => {
    const store = createResourceStore<{ n: number }, { bump(): void }>(
      { n: 0 },
      async () => ({ n: 1 }),
      createErrorsStore(),
      (set) => ({ bump: () => set((s) => ({ n: s.n + 1 })) }),
    );
    store.getState().bump();
    expect(store.getState().n).toBe(1);
  });

  it('reloads only once loaded', async () => {
    let reads = 0;
    const store = createResourceStore({}, async () => (reads++, {}), createErrorsStore());
    expect(reloadIfLoaded(store)).toBeNull();
    await store.getState().load();
    await reloadIfLoaded(store);
    expect(reads).toBe(2);
  });
});
