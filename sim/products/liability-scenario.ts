/**
 * How the household handles its debts: whether the card is paid in full, carries a balance
 * (partial, early, late and minimum payments, with interest charged on what is carried), or stops
 * being paid (overdue); and whether the mortgage runs a payment behind (a past-due amount). An
 * institution sets it for its Items (institutions.ts); the admin API changes it for one Item from
 * a month on, so nothing a client has already seen changes.
 */
import { z } from 'zod';
import { dayFromIso, isIsoDate, monthIndex } from '../dates';

export const CARD_BEHAVIOURS = ['pays_in_full', 'revolving', 'overdue'] as const;
export const MORTGAGE_BEHAVIOURS = ['current', 'past_due'] as const;
export type CardBehaviour = (typeof CARD_BEHAVIOURS)[number];
export type MortgageBehaviour = (typeof MORTGAGE_BEHAVIOURS)[number];

/** Kept on an Item once the admin API sets it: configuration, not generated data. */
export const LiabilityScenarioRecord = z.strictObject({
  card: z.enum(CARD_BEHAVIOURS),
  mortgage: z.enum(MORTGAGE_BEHAVIOURS),
  /** First day of the first month it applies to; before it the household paid on time. */
  from: z.string().refine(isIsoDate, 'expected YYYY-MM-DD'),
});
export type LiabilityScenarioRecord = z.infer<typeof LiabilityScenarioRecord>;

export interface LiabilityBehaviour {
  card: CardBehaviour;
  mortgage: MortgageBehaviour;
}

export interface LiabilityScenario extends LiabilityBehaviour {
  /** Month index (dates.ts) from which the behaviour applies; -Infinity: all of history. */
  fromMonth: number;
}

export const PAYS_ON_TIME: LiabilityScenario = {
  card: 'pays_in_full',
  mortgage: 'current',
  fromMonth: -Infinity,
};

export function scenarioFromRecord(record: LiabilityScenarioRecord): LiabilityScenario {
  return { card: record.card, mortgage: record.mortgage, fromMonth: monthIndex(dayFromIso(record.from)) };
}

/** An institution's behaviour, for its whole history. */
export function scenarioFromBehaviour(behaviour: LiabilityBehaviour | undefined): LiabilityScenario {
  return behaviour ? { ...behaviour, fromMonth: -Infinity } : PAYS_ON_TIME;
}

/** Caches key generated models by it: two Items with one scenario share their models. */
export function scenarioKey(s: LiabilityScenario): string {
  return `${s.card}|${s.mortgage}|${s.fromMonth}`;
}
