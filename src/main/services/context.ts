/** What the core's parts share once it is open. Built only by openCore. */
import type { PlaidEnvironment } from '../../shared/api';
import type { EventName, EventPayload } from '../../shared/events';
import type { Ledger } from './ledger/ledger';
import type { WriterLock } from './ledger/writer-lock';
import type { Logger } from './log/logger';
import type { PlaidGateway } from './plaid/client';
import type { Redactor } from './plaid/redact';
import type { SecretStore } from './secrets/store';
import type { SyncHooks } from './ingest/transactions/sync';
import type { LedgerWork } from './worker/ledger-ops';

export interface CoreContext {
  environment: PlaidEnvironment;
  ledgerId: string;
  /** Where the SDK points: Plaid, or a simulator. */
  basePath: string;
  ledger: Ledger;
  plaid: PlaidGateway;
  secrets: SecretStore;
  lock: WriterLock;
  log: Logger;
  redactor: Redactor;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  syncPageSize?: number;
  syncHooks?: SyncHooks;
  /** Where long ledger work runs (the ledger worker thread); absent: inline on this thread. */
  work?: LedgerWork;
}
