/**
 * The window's preferences that belong to the data dir rather than to one environment or one
 * browser origin (the browser host's port changes between runs): the theme.
 */
import { z } from 'zod';
import { Empty } from './primitives';

/** `system` follows the operating system's light or dark setting, live. */
export const Theme = z.enum(['light', 'dark', 'system']);
export type Theme = z.infer<typeof Theme>;

export const Preferences = z.object({ theme: Theme });
export type Preferences = z.infer<typeof Preferences>;

export const preferenceCalls = {
  'preferences.get': { req: Empty, res: Preferences },
  /** Only the fields given change. */
  'preferences.set': { req: z.object({ theme: Theme.optional() }).strict(), res: Preferences },
} as const;
