/** The user's rules: conditions on a transaction, and what to set when they match. */
import { z } from 'zod';
import { CategoryId } from './categories';
import { Empty, Id, IsoDateTime, Minor, Tag } from './primitives';

export const RuleConditions = z
  .object({
    /** Case-insensitive substring of the merchant name. */
    merchantContains: z.string().trim().min(1).max(100).optional(),
    /** Case-insensitive substring of Plaid's original name. */
    nameContains: z.string().trim().min(1).max(100).optional(),
    amountMin: Minor.optional(),
    amountMax: Minor.optional(),
    accountIds: z.array(Id).max(200).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'a rule needs at least one condition');
export type RuleConditions = z.infer<typeof RuleConditions>;

export const RuleActions = z
  .object({
    category: CategoryId.optional(),
    addTags: z.array(Tag).max(20).optional(),
    rename: z.string().trim().min(1).max(200).optional(),
  })
  .refine(
    (a) => a.category !== undefined || (a.addTags?.length ?? 0) > 0 || a.rename !== undefined,
    'a rule needs at least one action',
  );
export type RuleActions = z.infer<typeof RuleActions>;

export const Rule = z.object({
  id: Id,
  name: z.string(),
  enabled: z.boolean(),
  /** Rules run in ascending order; a later rule's category or rename wins over an earlier one's. */
  position: z.number().int(),
  conditions: RuleConditions,
  actions: RuleActions,
  createdAt: IsoDateTime,
});
export type Rule = z.infer<typeof Rule>;

export const ruleCalls = {
  'rules.list': { req: Empty, res: z.object({ rules: z.array(Rule) }) },
  'rules.create': {
    req: z
      .object({
        name: z.string().trim().min(1).max(100),
        conditions: RuleConditions,
        actions: RuleActions,
        enabled: z.boolean().default(true),
        /** Also run it over every transaction already in the ledger. */
        applyToHistory: z.boolean().default(false),
      })
      .strict(),
    res: z.object({ rule: Rule, changed: z.number().int().nonnegative() }),
  },
  'rules.update': {
    req: z
      .object({
        id: Id,
        name: z.string().trim().min(1).max(100).optional(),
        conditions: RuleConditions.optional(),
        actions: RuleActions.optional(),
        enabled: z.boolean().optional(),
        position: z.number().int().optional(),
      })
      .strict(),
    res: Rule,
  },
  /** Deleting a rule leaves what it already changed (edit or re-run rules to change it back). */
  'rules.delete': { req: z.object({ id: Id }).strict(), res: z.object({ deleted: z.boolean() }) },
  /** Runs one rule (or every enabled rule) over the whole history; user-locked fields are kept. */
  'rules.apply': {
    req: z.object({ id: Id.nullable().default(null) }).strict(),
    res: z.object({ matched: z.number().int().nonnegative(), changed: z.number().int().nonnegative() }),
  },
} as const;
