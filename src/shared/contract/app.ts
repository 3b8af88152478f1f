/** The app itself: its version, environment, data dir, keychain and notices. */
import { z } from 'zod';
import { Empty } from './primitives';

export const PlaidEnvironment = z.enum(['demo', 'sandbox', 'production']);
export type PlaidEnvironment = z.infer<typeof PlaidEnvironment>;

export const AppInfo = z.object({
  version: z.string(),
  environment: PlaidEnvironment,
  dataDir: z.string(),
  keychain: z.object({ available: z.boolean(), message: z.string().nullable() }),
  /** Sentences the user should read once, e.g. that demo Items live only in memory. */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appCalls = {
  'app.info': { req: Empty, res: AppInfo },
} as const;
