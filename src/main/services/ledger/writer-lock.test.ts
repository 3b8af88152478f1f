import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { WriterLock } from './writer-lock';

let dir: string;
let file: string;
let child: ChildProcess | null = null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-lock-'));
  file = path.join(dir, 'writer.lock');
});
afterEach(() => {
  if (child && child.exitCode === null) child.kill();
  child = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function busyError(lock: WriterLock): Promise<AppError> {
  const error = await lock.acquire().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('WriterLock', () => {
  it('lets one writer in; a second waits, then fails with LEDGER_BUSY naming the holder', async () => {
    const first = new WriterLock(file);
    await first.acquire();
    const second = new WriterLock(file, { waitMs: 300, pollMs: 20 });
    const started = Date.now();
    const error = await busyError(second);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(error.code).toBe('LEDGER_BUSY');
    expect(error.message).toBe(
      `Another Coffer process (pid ${process.pid}) is writing this ledger; try again when it finishes.`,
    );
    first.release();
    expect(fs.existsSync(file)).toBe(false);
    await second.acquire();
    second.release();
  });

  it('a waiting writer gets in when the holder finishes within the wait', async () => {
    const first = new WriterLock(file);
    await first.acquire();
    setTimeout(() => first.release(), 150);
    const second = new WriterLock(file, { waitMs: 2000, pollMs: 20 });
    await expect(second.acquire()).resolves.toBeUndefined();
    expect(second.held).toBe(true);
    second.release();
  });

  it('is re-entrant for its owner and frees the file only at the outermost release', async () => {
    const lock = new WriterLock(file);
    await lock.with(async () => {
      await lock.with(async () => {
        expect(fs.existsSync(file)).toBe(true);
      });
      expect(fs.existsSync(file)).toBe(true);
    });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('takes over a stale lock whose process is dead', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    fs.writeFileSync(file, JSON.stringify({ pid: dead.pid, owner: 'crashed' }));
    const lock = new WriterLock(file, { waitMs: 200 });
    await lock.acquire();
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('excludes a writer in another process', async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const script = path.join(dir, 'hold.mts');
    fs.writeFileSync(
      script,
      `import { WriterLock } from ${JSON.stringify(path.join(here, 'writer-lock.ts'))};
       const lock = new WriterLock(${JSON.stringify(file)});
       await lock.acquire();
       console.log('held');
       process.stdin.on('end', () => { lock.release(); process.exit(0); });
       process.stdin.resume();`,
    );
    child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
      child!.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });
    const error = await busyError(new WriterLock(file, { waitMs: 300, pollMs: 20 }));
    expect(error.code).toBe('LEDGER_BUSY');
    expect(error.message).toContain(`(pid ${child.pid})`);
    child.stdin!.end();
    await new Promise((r) => child!.once('exit', r));
    const after = new WriterLock(file, { waitMs: 300 });
    await after.acquire();
    after.release();
  });
});
