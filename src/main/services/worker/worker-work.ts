/**
 * LedgerWork in a worker thread (node:worker_threads), started on first use and restarted after
 * a crash. A bundled build ships ledger-worker.js beside the main bundle; from sources (CLI, tests)
 * a small .mjs bootstrap registers tsx in the thread and loads ledger-worker.ts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import type { LedgerOpName, LedgerWork, OpArgs, OpResult } from './ledger-ops';
import type { WorkerInit, WorkerReply } from './protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

function spawn(init: WorkerInit): Worker {
  const built = new URL('./ledger-worker.js', import.meta.url);
  if (built.protocol === 'file:' && existsSync(fileURLToPath(built)))
    return new Worker(built, { workerData: init });
  return new Worker(new URL('./ledger-worker-boot.mjs', import.meta.url), {
    workerData: { ...init, entry: new URL('./ledger-worker.ts', import.meta.url).href },
  });
}

export function workerLedgerWork(options: { file: string; key: Buffer | null; log: Logger }): LedgerWork {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const start = (): Worker => {
    if (worker) return worker;
    const w = spawn({ file: options.file, key: options.key ? new Uint8Array(options.key) : null });
    w.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new AppError(reply.error.code, reply.error.message, reply.error.plaid));
    });
    w.on('error', (error) => {
      options.log.error('ledger worker failed', { message: error.message });
      failAll(new AppError('LEDGER_WORKER_FAILED', `The ledger worker failed: ${error.message}`));
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (pending.size > 0)
        failAll(new AppError('LEDGER_WORKER_FAILED', `The ledger worker stopped (exit code ${code}).`));
    });
    // An idle worker must not keep a CLI process alive.
    w.unref();
    worker = w;
    return w;
  };

  return {
    run<K extends LedgerOpName>(op: K, args: OpArgs<K>): Promise<OpResult<K>> {
      const w = start();
      const id = nextId++;
      return new Promise<OpResult<K>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        w.ref();
        w.postMessage({ id, op, args });
      }).finally(() => {
        if (pending.size === 0) worker?.unref();
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (!w) return;
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        // Keeps the process alive until the worker has closed its connection.
        w.ref();
        w.postMessage({ type: 'close' });
        // A worker stuck in a long op is stopped rather than waited for (its transaction rolls back).
        setTimeout(() => void w.terminate(), 2000).unref();
      });
    },
  };
}
