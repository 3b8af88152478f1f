/**
 * The longest text each free-text field may hold, read from the contract's own schemas, so a box
 * in the window stops where the API would refuse (and a person never meets the refusal).
 */
import { calls, RuleActions, RuleConditions, TransactionFilter } from '../../shared/api';

/** The parts of a zod string (possibly optional or nullable) that tell its length limit. */
interface Sized {
  maxLength?: number | null;
  unwrap?: () => Sized;
}

function maxLengthOf(schema: Sized): number | undefined {
  let current: Sized | undefined = schema;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.maxLength === 'number') return current.maxLength;
    current = current.unwrap?.();
  }
  return undefined;
}

const update = calls['transactions.update'].req.shape;

export const INPUT_LIMITS = {
  search: maxLengthOf(TransactionFilter.shape.query),
  ruleName: maxLengthOf(calls['rules.create'].req.shape.name),
  merchantContains: maxLengthOf(RuleConditions.shape.merchantContains),
  nameContains: maxLengthOf(RuleConditions.shape.nameContains),
  rename: maxLengthOf(RuleActions.shape.rename),
  categoryName: maxLengthOf(calls['categories.create'].req.shape.name),
  transactionName: maxLengthOf(update.name),
  note: maxLengthOf(update.note),
};
