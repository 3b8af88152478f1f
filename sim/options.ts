/**
 * How a simulator is started and what a started one offers: the types of the public entry, kept
 * apart from it so the server that implements them need not import the entry that exports it.
 */
import type { FaultConfig } from './faults';
import type { WebhookConfig } from './webhooks';

export interface SimulatorOptions {
  /** 0 picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Seed of the deterministic data generator. */
  seed?: number;
  /** API keys the simulator accepts; default DEMO_CREDENTIALS (or PLAID_CLIENT_ID/PLAID_SECRET in the CLI). */
  clientId?: string;
  secret?: string;
  /**
   * Where the simulator persists its state (seeds, clock, ids, token hashes; never a token, never
   * generated data). null keeps it in memory only.
   */
  statePath?: string | null;
  /** Freeze the simulated clock at this date (YYYY-MM-DD); default: follow the real date. */
  clock?: string | null;
  /** Injected faults on Plaid's endpoints (deterministic by their seed); default none. */
  faults?: FaultConfig;
  /** Webhook retry timing; default Plaid's (first retry after 30 s, ×4 each time, 10 s timeout). */
  webhooks?: Partial<WebhookConfig>;
  /** Scale tests: Items linked from now on get about this many transactions over their history. */
  transactionsPerItem?: number | null;
  /** Plaid Sandbox's ITEM_LOGIN_REQUIRED 30 days after each login; default off. */
  expireAfter30Days?: boolean;
}

export interface RunningSimulator {
  url: string;
  port: number;
  clientId: string;
  secret: string;
  close(): Promise<void>;
}
