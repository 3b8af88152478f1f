/** What every transport carries back: the transport never throws across the boundary. */
import { z } from 'zod';
import { PlaidErrorShape } from '../plaid-error';

export const AppErrorShape = z.object({
  code: z.string(),
  message: z.string(),
  /** Plaid's own error object when Plaid (or the simulator) produced the failure. */
  plaid: PlaidErrorShape.nullable().default(null),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: AppErrorShape };

export function envelopeSchema<T extends z.ZodType>(result: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), result }),
    z.object({ ok: z.literal(false), error: AppErrorShape }),
  ]);
}
