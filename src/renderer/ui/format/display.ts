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
