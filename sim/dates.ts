/**
 * Calendar days as integers (days since 1970-01-01), so the generator and the clock can do
 * arithmetic without time zones leaking in. An ISO `YYYY-MM-DD` string is the only textual form.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const day = dayFromIso(value);
  return isoFromDay(day) === value;
}

export function dayFromIso(value: string): Day {
  const m = ISO_DATE.exec(value);
  if (!m) throw new Error(`not an ISO date: ${value}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

const isoDays = new Map<Day, string>();

/** Memoized: every transaction of every sync page spells two or three dates. */
export function isoFromDay(day: Day): string {
  let iso = isoDays.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoDays.size > 20_000) isoDays.clear();
    isoDays.set(day, iso);
  }
  return iso;
}

/** The user's local calendar date: a demo follows the date on the wall, not UTC's. */
export function localToday(now: Date = new Date()): Day {
  return Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / MS_PER_DAY);
}

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  dayOfMonth: number;
}

export function calendar(day: Day): CalendarDate {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dayOfMonth: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Months since year 0, so consecutive months differ by one across year boundaries. */
export function monthIndex(day: Day): number {
  const { year, month } = calendar(day);
  return year * 12 + (month - 1);
}

export function firstDayOfMonthIndex(index: number): Day {
  return Math.round(Date.UTC(Math.floor(index / 12), index % 12, 1) / MS_PER_DAY);
}

export function daysInMonthIndex(index: number): number {
  return firstDayOfMonthIndex(index + 1) - firstDayOfMonthIndex(index);
}

/** A timestamp on the given day at the given UTC time of day, as Plaid's date-time strings. */
export function isoDateTime(day: Day, msOfDay: number): string {
  return new Date(day * MS_PER_DAY + msOfDay).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function msIntoUtcDay(now: Date = new Date()): number {
  return now.getTime() % MS_PER_DAY;
}
