// Source-mode entry of the ledger worker (CLI, tests, dev): a worker thread does not inherit the
// parent's TypeScript loader, so it registers tsx itself before loading ledger-worker.ts.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
