/**
 * The simulator's own controls under /__sim/ (never a Plaid path), authenticated with the same
 * client_id/secret as the Plaid API: the truth a perfect client holds, the clock, and the
 * recorded requests.
 */
import { z } from 'zod';
import { isoFromDay } from './dates';
import { PlaidApiError } from './errors';
import type { SimulatorCore } from './core';
import type { RequestRecorder } from './recorder';
import { parseRequest } from './requests';
import { snapshotAt } from './view';

const ClockAdvanceRequest = z.strictObject({
  client_id: z.string().optional(),
  secret: z.string().optional(),
  days: z.number().int().min(1).max(3650),
});

export interface AdminRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export function handleAdmin(
  core: SimulatorCore,
  recorder: RequestRecorder,
  req: AdminRequest,
): Record<string, unknown> {
  const route = `${req.method} ${req.path}`;
  switch (route) {
    case 'GET /__sim/truth/transactions': {
      const itemId = req.query.get('item_id');
      if (!itemId)
        throw new PlaidApiError('MISSING_FIELDS', 'the following required fields are missing: item_id');
      const item = core.itemById(itemId);
      if (!item) throw new PlaidApiError('ITEM_NOT_FOUND');
      const { transactions } = snapshotAt(core.dataSpec(item), core.today());
      return {
        transactions: transactions.map(({ transaction: t }) => ({
          transaction_id: t.transaction_id,
          account_id: t.account_id,
          amount: t.amount,
          iso_currency_code: t.iso_currency_code,
          date: t.date,
          authorized_date: t.authorized_date,
          pending: t.pending,
          pending_transaction_id: t.pending_transaction_id,
          name: t.name,
        })),
      };
    }
    case 'GET /__sim/clock':
      return clockObject(core);
    case 'POST /__sim/clock/advance': {
      const { days } = parseRequest(ClockAdvanceRequest, req.body);
      core.clock.advance(days);
      return clockObject(core);
    }
    case 'GET /__sim/requests':
      return { requests: recorder.snapshot() };
    case 'POST /__sim/requests/clear':
      recorder.clear();
      return {};
    default:
      throw new PlaidApiError('NOT_FOUND');
  }
}

function clockObject(core: SimulatorCore): Record<string, unknown> {
  const { base, offset_days } = core.store.get().clock;
  return { today: isoFromDay(core.today()), base, offset_days };
}
