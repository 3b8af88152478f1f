import type { Theme } from '../../../shared/api';

export type ShownTheme = 'light' | 'dark';

export const THEME_LABEL: Record<Theme, string> = {
  light: 'Light',
  dark: 'Dark',
  system: 'Same as the system',
};

/** What the window shows for a choice: `system` follows the operating system, live. */
export function shownTheme(choice: Theme, systemDark: boolean): ShownTheme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}
