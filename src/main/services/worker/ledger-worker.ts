/**
 * The ledger worker thread: its own connection to the same ledger file (WAL lets the main
 * thread keep reading while this one writes), running ledgerOps on request. The main thread
 * answers the UI; nothing here can delay it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openLedger } from '../ledger/ledger';
import { toAppError } from '../errors';
import { ledgerOps, type LedgerOpName } from './ledger-ops';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol';

const init = workerData as WorkerInit;
const ledger = openLedger(init.file, { key: init.key ? Buffer.from(init.key) : null });
const port = parentPort;
if (!port) throw new Error('ledger-worker must run in a worker thread');

port.on('message', (message: WorkerRequest | { type: 'close' }) => {
  if ('type' in message) {
    ledger.close();
    port.close();
    return;
  }
  let reply: WorkerReply;
  try {
    const fn = ledgerOps[message.op as LedgerOpName] as (l: typeof ledger, args: unknown) => unknown;
    if (typeof fn !== 'function') throw new Error(`unknown ledger op ${message.op}`);
    reply = { id: message.id, ok: true, result: fn(ledger, message.args) };
  } catch (error) {
    const e = toAppError(error);
    reply = { id: message.id, ok: false, error: { code: e.code, message: e.message, plaid: e.plaid } };
  }
  port.postMessage(reply);
});
