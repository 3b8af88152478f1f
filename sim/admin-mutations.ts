/**
 * POST /__sim/items/<item_id>/transactions: add, modify, remove or post one transaction, for
 * property tests. The change is stored as a small record (see mutations.ts), shows in the next
 * /transactions/sync and in the truth, and fires the webhooks a real change would.
 */
import { z } from 'zod';
import { dayFromIso, isIsoDate, isoFromDay } from './dates';
import { PlaidApiError } from './errors';
import type { SimulatorCore } from './core';
import { notifyTransactionChanges } from './item-events';
import type { Mutation } from './mutations';
import { parseRequest } from './requests';
import {
  accountIdFor,
  changesBetween,
  findTransaction,
  instantOf,
  manualSlot,
  transactionIdOf,
} from './view';

const credentials = { client_id: z.string().optional(), secret: z.string().optional() };
const IsoDate = z.string().refine(isIsoDate, 'must be a date (YYYY-MM-DD)');
const Amount = z
  .number()
  .refine((v) => Number.isFinite(v) && Math.round(v * 100) / 100 === v, 'must be in cents');

export const TransactionMutationRequest = z.discriminatedUnion('op', [
  z.strictObject({
    ...credentials,
    op: z.literal('add'),
    transaction: z.strictObject({
      account_id: z.string().optional(),
      date: IsoDate,
      amount: Amount,
      name: z.string().min(1).max(200),
      pending: z.boolean().optional(),
    }),
  }),
  z.strictObject({
    ...credentials,
    op: z.literal('modify'),
    transaction_id: z.string().min(1),
    changes: z
      .strictObject({ amount: Amount.optional(), name: z.string().min(1).max(200).optional() })
      .refine((c) => c.amount !== undefined || c.name !== undefined, 'changes must name amount or name'),
  }),
  z.strictObject({ ...credentials, op: z.literal('remove'), transaction_id: z.string().min(1) }),
  z.strictObject({ ...credentials, op: z.literal('post'), transaction_id: z.string().min(1) }),
]);

export interface MutationResult {
  op: Mutation['op'];
  /** The transaction the client now holds for this change (null after a removal). */
  transaction_id: string | null;
  added: string[];
  modified: string[];
  removed: string[];
}

export function mutateTransactions(core: SimulatorCore, itemId: string, body: unknown): MutationResult {
  const req = parseRequest(TransactionMutationRequest, body);
  const item = core.itemById(itemId);
  if (!item) throw new PlaidApiError('ITEM_NOT_FOUND');
  if (!item.products.includes('transactions'))
    throw new PlaidApiError('PRODUCTS_NOT_SUPPORTED', 'the Item has no Transactions');
  const spec = core.dataSpec(item);
  const before = instantOf(spec, core.today());
  const common = { n: before.seq, day: isoFromDay(before.day) };

  let record: Mutation;
  if (req.op === 'add') {
    const template = req.transaction.account_id
      ? spec.templates.find((t) => accountIdFor(itemId, t) === req.transaction.account_id)
      : spec.templates[0];
    if (!template) throw new PlaidApiError('INVALID_ACCOUNT_ID');
    record = {
      op: 'add',
      ...common,
      key: manualSlot(common.n),
      account: template,
      date: req.transaction.date,
      amount: req.transaction.amount,
      name: req.transaction.name,
      pending: req.transaction.pending ?? false,
    };
  } else {
    const found = findTransaction(spec, before, req.transaction_id);
    if (!found)
      throw new PlaidApiError('INVALID_FIELD', `no transaction ${req.transaction_id} on this Item now`);
    const key = found.event.slot;
    if (req.op === 'modify') {
      record = {
        op: 'modify',
        ...common,
        key,
        phase: found.state.posted ? 'posted' : 'pending',
        ...(req.changes.amount !== undefined ? { amount: req.changes.amount } : {}),
        ...(req.changes.name !== undefined ? { name: req.changes.name } : {}),
      };
    } else if (req.op === 'post') {
      if (found.state.posted)
        throw new PlaidApiError('INVALID_FIELD', `${req.transaction_id} is not pending`);
      if (dayFromIso(common.day) < found.event.authDay && !found.event.slot.startsWith('mut:'))
        throw new PlaidApiError('INVALID_FIELD', 'cannot post before it was authorized');
      record = { op: 'post', ...common, key };
    } else {
      record = { op: 'remove', ...common, key };
    }
  }

  const updated = core.updateItem(itemId, (i) => {
    i.mutations = [...(i.mutations ?? []), record];
  });
  const afterSpec = core.dataSpec(updated);
  const after = instantOf(afterSpec, core.today());
  const changes = changesBetween(afterSpec, before, after);
  const result: MutationResult = {
    op: record.op,
    transaction_id: null,
    added: [],
    modified: [],
    removed: [],
  };
  for (let i = 0; i < changes.length; i++) {
    const c = changes.at(i);
    result[c.kind].push(transactionIdOf(afterSpec, c.event, c.state.posted));
  }
  result.transaction_id = result.added[0] ?? result.modified[0] ?? null;
  notifyTransactionChanges(core, itemId);
  return result;
}
