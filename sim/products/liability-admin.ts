/**
 * `/__sim/items/<item_id>/liabilities`: how an Item's household handles its debts (see
 * liability-scenario.ts). A change applies from the first day of a month after the simulated
 * today's, so no statement, payment or balance a client has already seen changes; for the same
 * reason a scenario already in effect cannot be replaced.
 */
import { z } from 'zod';
import { dayFromIso, firstDayOfMonthIndex, isIsoDate, isoFromDay, monthIndex } from '../dates';
import { PlaidApiError } from '../errors';
import type { SimulatorCore } from '../core';
import { parseRequest } from '../requests';
import type { ItemRecord } from '../state';
import { liabilityScenarioOf } from './liabilities';
import { CARD_BEHAVIOURS, MORTGAGE_BEHAVIOURS, PAYS_ON_TIME } from './liability-scenario';

const LiabilityScenarioRequest = z.strictObject({
  client_id: z.string().optional(),
  secret: z.string().optional(),
  card: z.enum(CARD_BEHAVIOURS).optional(),
  mortgage: z.enum(MORTGAGE_BEHAVIOURS).optional(),
  from: z.string().refine(isIsoDate, 'from must be a date in the format YYYY-MM-DD').optional(),
});

export function setLiabilityScenario(core: SimulatorCore, item: ItemRecord, body: unknown): void {
  const req = parseRequest(LiabilityScenarioRequest, body);
  const nextMonth = monthIndex(core.today()) + 1;
  const fromMonth = req.from === undefined ? nextMonth : monthIndex(dayFromIso(req.from));
  if (fromMonth < nextMonth)
    throw new PlaidApiError('INVALID_FIELD', 'from must be in a month after the simulated today’s');
  const current = liabilityScenarioOf(item);
  const inEffect = current.fromMonth < nextMonth;
  if (inEffect && (current.card !== PAYS_ON_TIME.card || current.mortgage !== PAYS_ON_TIME.mortgage))
    // One behaviour from one month on: replacing one already in effect would rewrite what was seen.
    throw new PlaidApiError('INVALID_FIELD', 'the Item’s debts already follow a scenario in effect');
  core.updateItem(item.item_id, (i) => {
    i.liability_scenario = {
      card: req.card ?? current.card,
      mortgage: req.mortgage ?? current.mortgage,
      from: isoFromDay(firstDayOfMonthIndex(fromMonth)),
    };
  });
}

export function liabilityScenarioObject(core: SimulatorCore, itemId: string): Record<string, unknown> {
  const item = core.itemById(itemId);
  if (!item) throw new PlaidApiError('ITEM_NOT_FOUND');
  const s = liabilityScenarioOf(item);
  return {
    card: s.card,
    mortgage: s.mortgage,
    from: Number.isFinite(s.fromMonth) ? isoFromDay(firstDayOfMonthIndex(s.fromMonth)) : null,
  };
}
