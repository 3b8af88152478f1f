/**
 * One writer per data dir and environment, across processes (the app and a scheduled
 * `coffer sync` may both run). The lock is a file created with O_EXCL holding the owner's pid
 * and a random owner id; a lock whose pid is dead is stale and taken over. Within one owner
 * the lock is re-entrant, so a sync inside a link reuses it.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../errors';

export interface WriterLockOptions {
  /** How long a second writer waits before giving up. */
  waitMs?: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface LockContent {
  pid: number;
  owner: string;
}

function readLock(file: string): LockContent | null | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && typeof parsed.owner === 'string')
      return { pid: parsed.pid, owner: parsed.owner };
  } catch {
    // Fall through: half-written by a writer between create and write.
  }
  return 'unreadable';
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class WriterLock {
  private readonly owner = randomUUID();
  private depth = 0;

  constructor(
    readonly file: string,
    private readonly options: WriterLockOptions = {},
  ) {}

  get held(): boolean {
    return this.depth > 0;
  }

  /** Runs fn while holding the lock. */
  async with<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  async acquire(): Promise<void> {
    if (this.depth > 0) {
      this.depth++;
      return;
    }
    const waitMs = this.options.waitMs ?? 3000;
    const pollMs = this.options.pollMs ?? 100;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const deadline = Date.now() + waitMs;
    for (;;) {
      const holder = this.tryCreate();
      if (holder === 'acquired') {
        this.depth = 1;
        return;
      }
      if (Date.now() >= deadline) {
        const who = holder === 'unknown' ? '' : ` (pid ${holder.pid})`;
        throw new AppError(
          'LEDGER_BUSY',
          `Another Coffer process${who} is writing this ledger; try again when it finishes.`,
        );
      }
      await sleep(pollMs);
    }
  }

  release(): void {
    if (this.depth === 0) return;
    this.depth--;
    if (this.depth > 0) return;
    const current = readLock(this.file);
    if (current && current !== 'unreadable' && current.owner === this.owner)
      fs.rmSync(this.file, { force: true });
  }

  private tryCreate(): 'acquired' | LockContent | 'unknown' {
    try {
      const fd = fs.openSync(this.file, 'wx', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify({ pid: process.pid, owner: this.owner }));
      } finally {
        fs.closeSync(fd);
      }
      return 'acquired';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = readLock(this.file);
    if (current === null) return this.tryCreate();
    if (current === 'unreadable') {
      // A writer is between create and write, or died there; give it a few seconds.
      if (this.ageMs() > 10_000) this.removeStale(null);
      return 'unknown';
    }
    if (!isProcessAlive(current.pid)) {
      this.removeStale(current.owner);
      return this.tryCreate();
    }
    return current;
  }

  private ageMs(): number {
    try {
      return Date.now() - fs.statSync(this.file).mtimeMs;
    } catch {
      return 0;
    }
  }

  /**
   * Moves the stale lock aside, then checks what was moved: if a racing process had already
   * replaced it with a live lock, that lock is put back.
   */
  private removeStale(staleOwner: string | null): void {
    const aside = `${this.file}.stale-${process.pid}-${this.owner}`;
    try {
      fs.renameSync(this.file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const moved = readLock(aside);
    const wasLive = moved !== null && moved !== 'unreadable' && moved.owner !== staleOwner;
    if (wasLive) {
      try {
        fs.linkSync(aside, this.file);
      } catch {
        // Someone took the slot meanwhile; the live lock's owner will find its file gone.
      }
    }
    fs.rmSync(aside, { force: true });
  }
}
