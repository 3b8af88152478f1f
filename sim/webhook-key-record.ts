/**
 * A webhook signing key as the state file keeps it (private JWK included: the simulator's own key,
 * worthless outside it). Its own module because both the state file's schema and the key manager
 * that writes it need it.
 */
import { z } from 'zod';

export const WebhookKeyRecord = z.strictObject({
  kid: z.string().min(1),
  /** Unix seconds (real clock). */
  created_at: z.number().int(),
  /** Unix seconds from which the key counts as expired; null while it is current or in its grace. */
  retire_at: z.number().int().nullable(),
  private_jwk: z.looseObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string(),
    y: z.string(),
    d: z.string(),
  }),
});
export type WebhookKeyRecord = z.infer<typeof WebhookKeyRecord>;
