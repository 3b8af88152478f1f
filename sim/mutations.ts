/**
 * Targeted changes to an Item's transactions made through the admin API (property tests): small
 * records kept in the state file, replayed over the generated history by the view. Each names the
 * event it touches by its slot (stable across processes and restarts), never by generated data.
 */
import { z } from 'zod';
import { isIsoDate } from './dates';
import { ACCOUNT_TEMPLATE_KEYS } from './generator';

const IsoDate = z.string().refine(isIsoDate, 'expected YYYY-MM-DD');
const common = {
  /** Position in the Item's list: the view at "n mutations applied" is an instant of its own. */
  n: z.number().int().min(0),
  /** The simulated day it was made on. */
  day: IsoDate,
  /** The slot of the event it touches (`mut:<n>` for an added one). */
  key: z.string().min(1),
};

export const Mutation = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('add'),
    ...common,
    account: z.enum(ACCOUNT_TEMPLATE_KEYS),
    date: IsoDate,
    amount: z.number(),
    name: z.string().min(1),
    pending: z.boolean(),
  }),
  z.strictObject({
    op: z.literal('modify'),
    ...common,
    /** Which version of the event: a pending row's change does not carry over to its posted successor. */
    phase: z.enum(['pending', 'posted']),
    amount: z.number().optional(),
    name: z.string().min(1).optional(),
  }),
  z.strictObject({ op: z.literal('remove'), ...common }),
  z.strictObject({ op: z.literal('post'), ...common }),
]);
export type Mutation = z.infer<typeof Mutation>;
