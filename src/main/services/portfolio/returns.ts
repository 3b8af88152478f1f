/**
 * Return calculators, pure. Time-weighted return chains each day's return so that money put in or
 * taken out does not count as performance; money-weighted return (XIRR) is the yearly rate at
 * which the owner's flows and the final value balance, so timing of contributions does count.
 */

export interface DayValue {
  date: string;
  /** The value at the end of the day, minor units. */
  value: number;
  /** Money the owner put in (positive) or took out (negative) that day, minor units. */
  flow: number;
}

/**
 * Cumulative time-weighted return over the points (the first is the start, its flow ignored).
 * A day's flow is taken at the start of the day: r = V_t / (V_{t-1} + F_t) − 1. Null when a day
 * begins with nothing invested yet ends with value, which no return describes.
 */
export function timeWeightedReturn(points: readonly DayValue[]): number | null {
  if (points.length < 2) return null;
  let growth = 1;
  for (let i = 1; i < points.length; i++) {
    const base = points[i - 1]!.value + points[i]!.flow;
    const end = points[i]!.value;
    if (base <= 0) {
      if (end === 0) continue;
      return null;
    }
    growth *= end / base;
  }
  return growth - 1;
}

export interface CashFlow {
  date: string;
  /** From the owner's side: negative paid in, positive taken out (or still held at the end). */
  amount: number;
}

export type XirrResult = { rate: number } | { rate: null; reason: string };

const DAY_MS = 86_400_000;

function years(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS / 365;
}

/** XIRR by Newton's method, falling back to bisection; says why when there is no rate. */
export function xirr(flows: readonly CashFlow[]): XirrResult {
  const live = flows.filter((f) => f.amount !== 0);
  if (live.length < 2) return { rate: null, reason: 'fewer than two cash flows' };
  if (!live.some((f) => f.amount > 0) || !live.some((f) => f.amount < 0))
    return { rate: null, reason: 'the flows never change sign, so no rate balances them' };
  const start = live.reduce((min, f) => (f.date < min ? f.date : min), live[0]!.date);
  const t = live.map((f) => years(start, f.date));
  const npv = (r: number) => live.reduce((sum, f, i) => sum + f.amount / (1 + r) ** t[i]!, 0);
  const slope = (r: number) =>
    live.reduce((sum, f, i) => sum - (t[i]! * f.amount) / (1 + r) ** (t[i]! + 1), 0);

  let r = 0.1;
  for (let i = 0; i < 50; i++) {
    const value = npv(r);
    const d = slope(r);
    if (!Number.isFinite(value) || !Number.isFinite(d) || d === 0) break;
    const next = r - value / d;
    if (!Number.isFinite(next) || next <= -1) break;
    if (Math.abs(next - r) < 1e-10) return { rate: next };
    r = next;
  }
  // Bisection over every rate from −99.99% to +1,000,000%: slower, but sure when the sign changes.
  let lo = -0.9999;
  let hi = 1e4;
  let fLo = npv(lo);
  const fHi = npv(hi);
  if (!Number.isFinite(fLo) || !Number.isFinite(fHi) || Math.sign(fLo) === Math.sign(fHi))
    return { rate: null, reason: 'no rate between −99.99% and +1,000,000% balances the flows' };
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    const fMid = npv(mid);
    if (Math.abs(hi - lo) < 1e-12 || fMid === 0) return { rate: mid };
    if (Math.sign(fMid) === Math.sign(fLo)) {
      lo = mid;
      fLo = fMid;
    } else hi = mid;
  }
  return { rate: (lo + hi) / 2 };
}

/** The owner's flows for XIRR over a value series: the start value in, each flow, the end value out. */
export function ownerFlows(points: readonly DayValue[]): CashFlow[] {
  if (points.length === 0) return [];
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return [
    { date: first.date, amount: -first.value },
    ...points.slice(1).map((p) => ({ date: p.date, amount: -p.flow })),
    { date: last.date, amount: last.value },
  ];
}
