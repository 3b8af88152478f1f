/** Messages between the main thread and the ledger worker (structured-cloned, never a token). */
import type { PlaidErrorShape } from '../../../shared/plaid-error';

export interface WorkerInit {
  file: string;
  /** The ledger key's bytes when the ledger is encrypted (see ledger-file.ts). */
  key: Uint8Array | null;
}

export interface WorkerRequest {
  id: number;
  op: string;
  args: unknown;
}

export type WorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { code: string; message: string; plaid: PlaidErrorShape | null } };
