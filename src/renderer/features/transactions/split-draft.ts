import { parseAmountInput } from '../../ui/amount-input';

/** One part of a split as the editor holds it: the typed amount and the chosen category. */
export interface SplitPartDraft {
  amountText: string;
  category: string | null;
}

export interface SplitCheck {
  /** Each part in signed minor units (the whole's sign), null where the text is not an amount. */
  partsMinor: (number | null)[];
  allocatedMinor: number;
  /** What is left to allocate: the whole minus the valid parts. Zero when the parts add up. */
  remainderMinor: number;
  /** Why the split cannot be saved yet; null when it can. */
  problem: string | null;
}

/**
 * Parts are typed as positive amounts in the whole's direction (a $30 purchase splits into 20 + 10,
 * a $30 refund too), and carry the whole's sign when saved, so the parts sum to the whole exactly.
 */
export function checkSplit(totalMinor: number, currency: string, parts: SplitPartDraft[]): SplitCheck {
  const sign = totalMinor < 0 ? -1 : 1;
  const partsMinor = parts.map((p) => {
    const typed = parseAmountInput(p.amountText, currency);
    return typed === null ? null : sign * typed;
  });
  const allocatedMinor = partsMinor.reduce<number>((sum, m) => sum + (m ?? 0), 0);
  const remainderMinor = totalMinor - allocatedMinor;
  let problem: string | null = null;
  if (parts.length < 2) problem = 'A split needs at least two parts.';
  else if (partsMinor.some((m) => m === null)) problem = 'Every part needs an amount.';
  else if (partsMinor.some((m) => m === 0)) problem = 'A part cannot be zero.';
  else if (parts.some((p) => !p.category)) problem = 'Every part needs a category.';
  else if (remainderMinor !== 0) problem = 'The parts must add up to the whole amount.';
  return { partsMinor, allocatedMinor, remainderMinor, problem };
}

/** The first draft of a split: the whole in the first part, an empty second part for the rest. */
export function initialSplit(totalAbsText: string, category: string | null): SplitPartDraft[] {
  return [
    { amountText: totalAbsText, category },
    { amountText: '', category: null },
  ];
}
