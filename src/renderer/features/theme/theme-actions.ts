import type { Theme } from '../../../shared/api';
import type { Shell } from '../../app/shell';
import { THEME_LABEL } from './theme';

const THEMES: readonly Theme[] = ['light', 'dark', 'system'];

/** "Theme: Dark" and its siblings, for the command palette. */
export function themeActions(shell: Shell) {
  return THEMES.map((theme) => ({
    id: `theme.${theme}`,
    label: `Theme: ${THEME_LABEL[theme]}`,
    keywords: 'switch theme appearance colours light dark night mode',
    run: () => void shell.theme.getState().choose(theme),
  }));
}
