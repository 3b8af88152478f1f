import { useStore } from 'zustand';
import type { Theme } from '../../../shared/api';
import { useShell } from '../../app/shell-context';
import { THEME_LABEL } from './theme';

const THEMES: readonly Theme[] = ['light', 'dark', 'system'];

/** Settings' theme: saved at once, kept across restarts (the data dir's preferences). */
export function ThemeChoice() {
  const { theme } = useShell();
  const choice = useStore(theme, (s) => s.choice);
  return (
    <section className="settings-section" aria-labelledby="theme-title">
      <h3 id="theme-title">Appearance</h3>
      <fieldset className="theme-choice" data-testid="theme-choice">
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <label key={t} className="field-check">
            <input
              type="radio"
              name="theme"
              value={t}
              checked={choice === t}
              onChange={() => void theme.getState().choose(t)}
            />{' '}
            {THEME_LABEL[t]}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
