/**
 * The contract calls of issue 7 (transactions, categories, rules, recurring streams, spending).
 * Reads run on the calling thread against the ledger (they are indexed and bounded: a page, a
 * count, a pre-aggregated chart); small edits too. Work over the whole history (rules on the
 * history) goes to the ledger worker. Everything here reads only the ledger: it works offline.
 */
import type { categoryCalls } from '../../../shared/contract/categories';
import type { recurringCalls } from '../../../shared/contract/recurring';
import type { ruleCalls } from '../../../shared/contract/rules';
import type { spendingCalls } from '../../../shared/contract/spending';
import type { transactionCalls } from '../../../shared/contract/transactions';
import type { ApiHandlers } from '../core-types';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { itemTokenPurpose } from '../secrets/store';
import type { SyncRunner } from '../ingest/runner';
import type { LedgerWork } from '../worker/ledger-ops';
import { createUserCategory, listCategories } from './categories';
import { splitTransaction, unsplitTransaction, updateTransaction } from './edits';
import { getTransaction, listTransactions } from './queries';
import { summarize } from './totals';
import { listRecurring } from './recurring';
import { createRule, deleteRule, listRules, updateRule } from './rules';
import { incomeVsExpenses, spendingByCategory } from './spending';
import { listItems } from '../items/store';

/** The calls of the domains this service serves, as their contract tables define them. */
type TransactionCalls =
  | keyof typeof transactionCalls
  | keyof typeof categoryCalls
  | keyof typeof ruleCalls
  | keyof typeof recurringCalls
  | keyof typeof spendingCalls;

export interface TransactionsServiceDeps {
  ctx: CoreContext;
  sync: SyncRunner;
  work: LedgerWork;
}

export function createTransactionsService({ ctx, sync, work }: TransactionsServiceDeps): {
  handlers: Pick<ApiHandlers, TransactionCalls>;
} {
  const { ledger } = ctx;
  const db = ledger.db;
  const changed = (reason: string) => ctx.emit('ledger.changed', { reason });

  const requireTransaction = (id: string) => {
    const t = getTransaction(db, id);
    if (!t) throw new AppError('NOT_FOUND', `No transaction with id ${id}.`);
    return t;
  };

  // An edit leaves its month to be computed live by every chart and count (tens of ms at a million
  // rows) until it is folded back into the aggregates: the worker folds it right away.
  const foldAggregates = () =>
    void work
      .run('rebuildSpending', undefined)
      .catch((error: unknown) =>
        ctx.log.warn('folding an edit into the aggregates failed', { message: String(error) }),
      );

  const edit = (id: string, fn: () => void) => {
    ledger.write(fn);
    changed('edit');
    foldAggregates();
    return requireTransaction(id);
  };

  const handlers: Pick<ApiHandlers, TransactionCalls> = {
    'transactions.list': async (req) => listTransactions(db, req),
    'transactions.summary': async (req) => summarize(db, req),
    'transactions.get': async (req) => requireTransaction(req.id),
    'transactions.update': async (req) => edit(req.id, () => updateTransaction(db, req)),
    'transactions.split': async (req) => edit(req.id, () => splitTransaction(db, req.id, req.parts)),
    'transactions.unsplit': async (req) => edit(req.id, () => unsplitTransaction(db, req.id)),
    'transactions.refresh': async (req) => {
      const ids = req.itemId ? [req.itemId] : listItems(ledger).map((i) => i.itemId);
      for (const itemId of ids) {
        const token = await ctx.secrets.get(itemTokenPurpose(itemId));
        if (!token) continue;
        ctx.redactor.add(token);
        await ctx.plaid.transactionsRefresh(token);
      }
      return { results: await sync.run(req.itemId) };
    },
    'categories.list': async () => ({ categories: listCategories(db) }),
    'categories.create': async (req) => {
      const category = ledger.write(() => createUserCategory(db, req.name, req.group));
      changed('categories');
      return category;
    },
    'rules.list': async () => ({ rules: listRules(db) }),
    'rules.create': async (req) => {
      const rule = ledger.write(() => createRule(db, req));
      let changedRows = 0;
      if (req.applyToHistory) changedRows = (await work.run('applyRules', { only: rule.id })).changed;
      changed('rules');
      return { rule, changed: changedRows };
    },
    'rules.update': async (req) => {
      const rule = ledger.write(() => updateRule(db, req));
      changed('rules');
      return rule;
    },
    'rules.delete': async (req) => {
      const deleted = ledger.write(() => deleteRule(db, req.id));
      changed('rules');
      return { deleted };
    },
    'rules.apply': async (req) => {
      const result = await work.run('applyRules', { only: req.id });
      changed('rules');
      return result;
    },
    'recurring.list': async (req) => listRecurring(db, req.accountId),
    'spending.byCategory': async (req) => ({ cells: spendingByCategory(db, req) }),
    'spending.incomeVsExpenses': async (req) => ({ months: incomeVsExpenses(db, req) }),
  };
  return { handlers };
}
