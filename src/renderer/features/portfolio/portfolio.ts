/**
 * What the Portfolio view shows, computed from the contract's answers (no React, unit-tested):
 * the cells of a holding's row, the returns' cells (never 0% in place of an unknown), the value
 * history's estimated stretches and chart rows.
 */
import type {
  AllocationSlice,
  Holding,
  PeriodReturn,
  ValuePoint,
  ValueSeries,
} from '../../../shared/contract/portfolio';
import { formatMoney, fromMinor } from '../../../shared/money';

const PERCENT = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const QUANTITY = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const PRICE = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });

export const percent = (fraction: number) => PERCENT.format(fraction);
const signedPercent = (fraction: number) => `${fraction > 0 ? '+' : ''}${percent(fraction)}`;
const signedMoney = (minor: number, currency: string) =>
  `${minor > 0 ? '+' : ''}${formatMoney(minor, currency)}`;

export interface HoldingCells {
  security: string;
  /** The ticker, or what a derivative tracks, or why there is none. */
  detail: string | null;
  type: string;
  quantity: string;
  price: string;
  priceAsOf: string | null;
  value: string;
  costBasis: string;
  gain: string;
  gainPercent: string;
  /** -1, 0 or 1 (loss, unknown or flat, gain), for the colour. */
  gainSign: number;
  weight: string;
}

/** Plaid's security types as people say them; one Plaid adds later keeps its own word. */
const TYPE_NAMES: Record<string, string> = {
  cash: 'Cash',
  equity: 'Stock',
  etf: 'ETF',
  'mutual fund': 'Mutual fund',
  'fixed income': 'Bond',
  derivative: 'Derivative',
  cryptocurrency: 'Crypto',
  loan: 'Loan',
  other: 'Other asset',
};

export function typeName(type: string | null): string {
  if (type === null) return 'Not given';
  return TYPE_NAMES[type] ?? type.charAt(0).toUpperCase() + type.slice(1);
}

/** A price Plaid did not give leaves the value unknown too: never shown as a worthless position. */
export function valueUnknown(h: Holding): boolean {
  return !h.isCash && h.price === null && h.valueMinor === 0;
}

export function holdingCells(h: Holding): HoldingCells {
  const c = h.currency;
  if (h.isCash)
    return {
      security: 'Cash',
      detail: h.ticker ?? 'Uninvested cash',
      type: 'Cash',
      quantity: '—',
      price: '—',
      priceAsOf: null,
      value: formatMoney(h.valueMinor, c),
      costBasis: '—',
      gain: '—',
      gainPercent: '—',
      gainSign: 0,
      weight: percent(h.weight),
    };
  const unknown = valueUnknown(h);
  return {
    security: h.name,
    detail: h.underlying ? `Derivative of ${h.underlying}` : (h.ticker ?? 'No ticker'),
    type: typeName(h.type),
    quantity: QUANTITY.format(h.quantity),
    price: h.price === null ? 'No price' : `${PRICE.format(h.price)} ${c}`,
    priceAsOf: h.price === null ? null : h.priceAsOf,
    value: unknown ? 'Unknown' : formatMoney(h.valueMinor, c),
    costBasis: h.costBasisMinor === null ? '—' : formatMoney(h.costBasisMinor, c),
    gain: h.gainMinor === null ? '—' : signedMoney(h.gainMinor, c),
    gainPercent: h.gainFraction === null ? '—' : signedPercent(h.gainFraction),
    gainSign: h.gainMinor === null ? 0 : Math.sign(h.gainMinor),
    weight: unknown ? '—' : percent(h.weight),
  };
}

/** Allocation slices grouped per currency: a chart and a table each, never one across currencies. */
export function slicesByCurrency(slices: readonly AllocationSlice[]): [string, AllocationSlice[]][] {
  const out = new Map<string, AllocationSlice[]>();
  for (const s of slices) out.set(s.currency, [...(out.get(s.currency) ?? []), s]);
  return [...out].sort(([a], [b]) => (a < b ? -1 : 1));
}

export interface ReturnCell {
  twr: string;
  xirr: string;
  quality: PeriodReturn['quality'];
  /** Why a figure is missing or estimated, for the reader. */
  note: string | null;
}

export function returnCell(p: PeriodReturn): ReturnCell {
  if (p.quality === 'unavailable' || p.twr === null)
    return { twr: 'Unavailable', xirr: 'Unavailable', quality: 'unavailable', note: p.reason };
  return {
    twr: signedPercent(p.twr),
    xirr: p.xirr === null ? 'Unavailable' : signedPercent(p.xirr),
    quality: p.quality,
    note:
      p.quality === 'estimated'
        ? `Estimated: values before the first snapshot are reconstructed.${p.reason ? ` ${p.reason}` : ''}`
        : p.reason,
  };
}

export interface Stretch {
  from: string;
  to: string;
}

/** Runs of consecutive estimated days, so the chart and the text can say where values are estimates. */
export function estimatedStretches(points: readonly ValuePoint[]): Stretch[] {
  const out: Stretch[] = [];
  let open: Stretch | null = null;
  for (const p of points) {
    if (p.estimated) {
      if (open) open.to = p.date;
      else out.push((open = { from: p.date, to: p.date }));
    } else open = null;
  }
  return out;
}

export interface HistoryRow {
  date: string;
  /** The value on days Plaid's snapshot gives it (major units), else undefined. */
  exact?: number;
  /** The reconstructed value (major units), drawn dashed; also on the days next to a stretch, so the lines meet. */
  estimated?: number;
  contributions: number;
}

export function historyRows(series: ValueSeries): HistoryRow[] {
  const c = series.currency;
  const pts = series.points;
  return pts.map((p, i) => {
    const value = fromMinor(p.valueMinor, c);
    const row: HistoryRow = { date: p.date, contributions: fromMinor(p.netContributionsMinor, c) };
    const touchesEstimate = pts[i - 1]?.estimated === true || pts[i + 1]?.estimated === true;
    if (p.estimated || touchesEstimate) row.estimated = value;
    if (!p.estimated) row.exact = value;
    return row;
  });
}

/** The key of a series in the picker: an account, or the total of a currency. */
export function seriesKey(s: Pick<ValueSeries, 'accountId' | 'currency'>): string {
  return `${s.accountId ?? 'all'}:${s.currency}`;
}
