import { describe, expect, it } from 'vitest';
import type { CofferApi, Theme } from '../../../shared/api';
import { createErrorsStore } from '../../ui/errors-store';
import { createThemeStore, type ThemeTarget } from './theme-store';

function fakeTarget(systemDark: boolean) {
  const listeners: (() => void)[] = [];
  const state = { shown: '', systemDark };
  const target: ThemeTarget = {
    apply: (shown) => void (state.shown = shown),
    systemDark: () => state.systemDark,
    onSystemChange: (l) => void listeners.push(l),
  };
  return {
    target,
    state,
    systemChanges: (dark: boolean) => ((state.systemDark = dark), listeners.forEach((l) => l())),
  };
}

function fakeApi(saved: Theme, failSet = false) {
  const file = { theme: saved };
  const api = {
    'preferences.get': async () => ({ ...file }),
    'preferences.set': async (req: { theme: Theme }) => {
      if (failSet) throw new Error('disk full');
      file.theme = req.theme;
      return { ...file };
    },
  } as unknown as CofferApi;
  return { api, file };
}

describe('the theme store', () => {
  it('shows the saved choice once loaded, and saves a new one', async () => {
    const { api, file } = fakeApi('dark');
    const { target, state } = fakeTarget(false);
    const store = createThemeStore(api, createErrorsStore(), target);
    expect(state.shown).toBe('light');
    await store.getState().load();
    expect(state.shown).toBe('dark');
    await store.getState().choose('light');
    expect(state.shown).toBe('light');
    expect(file.theme).toBe('light');
  });

  it('follows the system live while the choice is "system", and not once a theme is chosen', async () => {
    const { api } = fakeApi('system');
    const { target, state, systemChanges } = fakeTarget(false);
    const store = createThemeStore(api, createErrorsStore(), target);
    await store.getState().load();
    systemChanges(true);
    expect(state.shown).toBe('dark');
    await store.getState().choose('light');
    systemChanges(false);
    systemChanges(true);
    expect(state.shown).toBe('light');
  });

  it('goes back to the previous theme and reports when saving fails', async () => {
    const { api } = fakeApi('light', true);
    const { target, state } = fakeTarget(false);
    const errors = createErrorsStore();
    const store = createThemeStore(api, errors, target);
    await store.getState().load();
    await store.getState().choose('dark');
    expect(state.shown).toBe('light');
    expect(store.getState().choice).toBe('light');
    expect(errors.getState().errors.length).toBe(1);
  });
});
