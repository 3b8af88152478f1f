import { createStore } from 'zustand/vanilla';
import type { CofferApi, Theme } from '../../../shared/api';
import type { ErrorsStore } from '../../ui/errors-store';
import { shownTheme, type ShownTheme } from './theme';

export interface ThemeState {
  choice: Theme;
  shown: ShownTheme;
  /** Reads the saved choice (the data dir's preferences), so a restart shows what was chosen. */
  load(): Promise<void>;
  choose(theme: Theme): Promise<void>;
}

/** Where the shown theme lands: `data-theme` on <html>, which styles.css's variables follow. */
export interface ThemeTarget {
  apply(shown: ShownTheme): void;
  systemDark(): boolean;
  onSystemChange(listener: () => void): void;
}

export function documentThemeTarget(): ThemeTarget {
  // Absent outside a window (the renderer's unit tests run under Node).
  const query =
    typeof window !== 'undefined' && typeof window.matchMedia === 'function'
      ? window.matchMedia('(prefers-color-scheme: dark)')
      : null;
  return {
    apply(shown) {
      if (typeof document !== 'undefined') document.documentElement.dataset.theme = shown;
    },
    systemDark: () => query?.matches ?? false,
    onSystemChange(listener) {
      query?.addEventListener('change', listener);
    },
  };
}

export function createThemeStore(api: CofferApi, errors: ErrorsStore, target: ThemeTarget) {
  const store = createStore<ThemeState>()((set, get) => {
    const show = (choice: Theme) => {
      const shown = shownTheme(choice, target.systemDark());
      target.apply(shown);
      set({ choice, shown });
    };
    return {
      choice: 'system',
      shown: shownTheme('system', target.systemDark()),
      async load() {
        try {
          show((await api['preferences.get']({})).theme);
        } catch (error) {
          errors.getState().report(error);
        }
      },
      async choose(theme) {
        const before = get().choice;
        show(theme);
        try {
          await api['preferences.set']({ theme });
        } catch (error) {
          show(before);
          errors.getState().report(error);
        }
      },
    };
  });
  target.apply(store.getState().shown);
  target.onSystemChange(() => {
    const { choice } = store.getState();
    if (choice === 'system') {
      const shown = shownTheme(choice, target.systemDark());
      target.apply(shown);
      store.setState({ shown });
    }
  });
  return store;
}
export type ThemeStore = ReturnType<typeof createThemeStore>;
