import { formatMoney, toMinor } from '../../../shared/money';

const DATE = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** A ledger date (YYYY-MM-DD, a calendar day without a zone) as "Mar 5, 2025". */
export function formatDay(isoDate: string): string {
  const at = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(at) ? isoDate : DATE.format(at);
}

/**
 * Plaid's sign is positive for money out. The list shows money in as "+$12.00" (marked as
 * income) and money out plainly, as bank statements do.
 */
export function transactionAmount(
  amountMinor: number,
  currency: string,
): { text: string; incoming: boolean } {
  if (amountMinor < 0) return { text: `+${formatMoney(-amountMinor, currency)}`, incoming: true };
  return { text: formatMoney(amountMinor, currency), incoming: false };
}

export function accountMask(mask: string | null): string | null {
  return mask ? `•••• ${mask}` : null;
}

export function accountKind(type: string, subtype: string | null): string {
  const words = (s: string) => s.replace(/[_-]+/g, ' ');
  const kind = subtype && subtype !== type ? `${words(type)} · ${words(subtype)}` : words(type);
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

export function environmentLabel(environment: 'demo' | 'sandbox' | 'production'): string {
  return { demo: 'Demo', sandbox: 'Sandbox', production: 'Production' }[environment];
}

/** A chart's axis tick or tooltip value (recharts hands over major units, untyped) as money. */
export function chartMoney(currency: string): (value: unknown) => string {
  return (value) => formatMoney(toMinor(Number(value), currency), currency);
}

/**
 * A chart axis's tick labels: compact ("$1.2M"), so large amounts fit beside the chart; the tooltip
 * and the data table keep every digit.
 */
export function axisMoney(currency: string): (value: unknown) => string {
  let format: (n: number) => string;
  try {
    const intl = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      notation: 'compact',
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    });
    format = (n) => intl.format(n);
  } catch {
    // Codes Intl does not take (Plaid's unofficial currencies): the number, then the code.
    const intl = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
    format = (n) => `${intl.format(n)} ${currency}`;
  }
  return (value) => format(Number(value));
}

/**
 * How wide an axis must be to show its labels whole: the widest label that the values from `low` to
 * `high` (in major units) can produce, with headroom for the round tick above the largest value.
 */
export function axisWidth(format: (value: unknown) => string, low: number, high: number): number {
  const labels = [low, high, low * 1.5, high * 1.5, 0].map((v) => format(v));
  const longest = Math.max(...labels.map((label) => label.length));
  // ~7.5 px per character at the axis's 12 px font, plus the tick's own gap.
  return Math.max(48, Math.ceil(longest * 7.5) + 14);
}
