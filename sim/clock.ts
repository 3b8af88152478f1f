import { dayFromIso, isoFromDay, localToday, type Day } from './dates';
import type { StateStore } from './state';

/**
 * The simulated "today": the local date (or a frozen date) plus the days tests and demos have
 * advanced it. Kept in the state file so every process sharing it agrees on the day.
 */
export class SimClock {
  constructor(private readonly store: StateStore) {}

  /** Starts from `base` unless the state already runs on it (then the advanced offset is kept). */
  static adopt(store: StateStore, base: string | null): SimClock {
    const wanted = base ?? 'real';
    if (store.get().clock.base !== wanted) {
      store.update((s) => {
        s.clock = { base: wanted, offset_days: 0 };
      });
    }
    return new SimClock(store);
  }

  today(): Day {
    const { base, offset_days } = this.store.get().clock;
    return (base === 'real' ? localToday() : dayFromIso(base)) + offset_days;
  }

  todayIso(): string {
    return isoFromDay(this.today());
  }

  advance(days: number): Day {
    this.store.update((s) => {
      s.clock.offset_days += days;
    });
    return this.today();
  }
}
