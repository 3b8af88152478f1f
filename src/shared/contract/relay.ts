/** The webhook relay: where Plaid's webhooks reach this device, and how that is going. */
import { z } from 'zod';
import { Empty } from './primitives';

export const RelayStatus = z.object({
  /** remote: a relay the user runs; embedded: demo mode's relay on loopback; off: no webhooks, only syncs. */
  mode: z.enum(['off', 'remote', 'embedded']),
  /** The webhook URL Items are given (…/hooks/<device id>); never the device secret. */
  webhookUrl: z.string().nullable(),
  secretStored: z.boolean(),
  state: z.enum(['off', 'connecting', 'polling', 'offline', 'unauthorized', 'error']),
  lastError: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  /** Webhooks verified and handled, and relay events refused, since the app started. */
  delivered: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});
export type RelayStatus = z.infer<typeof RelayStatus>;

export const relayCalls = {
  'relay.get': { req: Empty, res: RelayStatus },
  /** webhookUrl null stops using a remote relay; secret may be null to keep the stored one for the same URL. */
  'relay.set': {
    req: z
      .object({
        webhookUrl: z.string().trim().min(1).max(2048).nullable(),
        secret: z.string().trim().min(8).max(512).nullable().default(null),
      })
      .strict(),
    res: RelayStatus,
  },
} as const;
