/** Long-polls waiting for a device's next event: one at a time per device (a new poll releases the older one). */
export class Waiters {
  private readonly waiting = new Map<string, () => void>();
  private closed = false;

  wait(deviceId: string, ms: number, signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.waiting.get(deviceId)?.();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        if (this.waiting.get(deviceId) === done) this.waiting.delete(deviceId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      this.waiting.set(deviceId, done);
    });
  }

  notify(deviceIds: Iterable<string>): void {
    for (const id of deviceIds) this.waiting.get(id)?.();
  }

  close(): void {
    this.closed = true;
    for (const done of [...this.waiting.values()]) done();
  }
}
