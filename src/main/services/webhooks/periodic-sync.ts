/**
 * Webhooks are hints and can be lost (Plaid stops retrying after 24 h): a full sync still runs
 * on a timer. The timers are injectable so tests can move time instead of waiting for it.
 */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A sync timer must never keep a CLI or a test process alive.
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export const PERIODIC_SYNC_MS = 6 * 3600_000;

export class PeriodicSync {
  private handle: unknown = null;
  private stopped = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly intervalMs: number = PERIODIC_SYNC_MS,
    private readonly timers: Timers = realTimers,
  ) {}

  start(): void {
    if (this.stopped || this.handle !== null) return;
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      this.running = this.run()
        .catch(() => undefined)
        .finally(() => {
          this.running = null;
          this.start();
        });
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    await this.running;
  }
}
