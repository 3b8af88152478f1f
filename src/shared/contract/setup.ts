/**
 * Setting the app up and tearing it down: the user's own Plaid keys (checked with Plaid before they
 * are kept), which environment the window shows, the app's settings, its data folder, and deleting
 * everything an environment holds.
 */
import { z } from 'zod';
import { AppInfo, PlaidEnvironment } from './app';
import { Empty } from './primitives';

/** The environments that take the user's own keys (demo has the simulator's). */
export const KeyEnvironment = z.enum(['sandbox', 'production']);
export type KeyEnvironment = z.infer<typeof KeyEnvironment>;

export const KeysStatus = z.object({
  environments: z.array(
    z.object({
      environment: KeyEnvironment,
      /** Keys kept in the keychain. The secret itself never leaves the main process. */
      saved: z.boolean(),
      /** PLAID_CLIENT_ID / PLAID_SECRET set for this process: they win over saved keys. */
      fromEnvironmentVariables: z.boolean(),
    }),
  ),
  /** Keys can be saved only where a keychain is available. */
  keychainAvailable: z.boolean(),
});
export type KeysStatus = z.infer<typeof KeysStatus>;

export const AppSettings = z.object({
  /** How often every Item is synced in full (webhooks sync sooner); applies from the next start. */
  syncIntervalHours: z.number().int().min(1).max(48),
});
export type AppSettings = z.infer<typeof AppSettings>;

export const DELETE_CONFIRMATION = 'DELETE';

export const setupCalls = {
  'setup.keys': { req: Empty, res: KeysStatus },
  /** Checks the keys with a harmless Plaid call (/institutions/get) and keeps them only if Plaid accepts them. */
  'setup.saveKeys': {
    req: z
      .object({
        environment: KeyEnvironment,
        clientId: z.string().trim().min(1).max(128),
        secret: z.string().trim().min(1).max(256),
      })
      .strict(),
    res: z.object({ environment: KeyEnvironment }),
  },
  'setup.forgetKeys': {
    req: z.object({ environment: KeyEnvironment }).strict(),
    res: z.object({ environment: KeyEnvironment }),
  },
  /** Closes this environment's ledger and opens the other's; the choice is kept for the next start. */
  'setup.switchEnvironment': {
    req: z.object({ environment: PlaidEnvironment }).strict(),
    res: AppInfo,
  },
  'setup.settings': { req: Empty, res: AppSettings },
  'setup.saveSettings': { req: AppSettings.strict(), res: AppSettings },
  /** Shows the data folder in the system's file manager where the host can (Electron). */
  'setup.openDataFolder': { req: Empty, res: z.object({ opened: z.boolean() }) },
  /**
   * Every Item of this environment removed at Plaid (/item/remove, so nothing stays billed), then
   * its ledger, keychain entries and logs deleted; the app then shows demo mode.
   */
  'setup.deleteEverything': {
    req: z.object({ confirm: z.literal(DELETE_CONFIRMATION) }).strict(),
    res: z.object({ removedItems: z.number().int().min(0), info: AppInfo }),
  },
} as const;
