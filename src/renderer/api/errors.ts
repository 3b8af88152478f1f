import { z } from 'zod';
import {
  calls,
  envelopeSchema,
  type AppErrorShape,
  type CallName,
  type CallResponse,
} from '../../shared/api';
import type { PlaidErrorShape } from '../../shared/plaid-error';
import { userMessage } from '../../shared/plaid-error';

/** A failed call, whichever transport carried it: the contract's error shape as an Error. */
export class CofferApiError extends Error {
  readonly code: string;
  readonly plaid: PlaidErrorShape | null;

  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'CofferApiError';
    this.code = shape.code;
    this.plaid = shape.plaid;
  }
}

/** A call the host dropped unrun because a newer one in its lane replaced it (see CofferClient.inLane). */
export function isSuperseded(error: unknown): boolean {
  return error instanceof CofferApiError && error.code === 'SUPERSEDED';
}

/** What the user reads for a failed call: Plaid's display_message when Plaid produced the failure. */
export function errorText(error: unknown): string {
  if (error instanceof CofferApiError) return error.plaid ? userMessage(error.plaid) : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Checks a transport's reply against the call's envelope and response schema, so a result the
 * renderer uses always has the contract's shape; `ok:false` becomes a thrown CofferApiError.
 */
export function unwrapEnvelope<K extends CallName>(name: K, body: unknown): CallResponse<K> {
  const result: z.ZodType = calls[name].res;
  const parsed = envelopeSchema(result).safeParse(body);
  if (!parsed.success) {
    throw new CofferApiError({
      code: 'BAD_RESPONSE',
      message: `The reply to ${name} did not match the contract: ${parsed.error.issues[0]?.message ?? 'unknown shape'}`,
      plaid: null,
    });
  }
  const envelope = parsed.data;
  if (!envelope.ok) throw new CofferApiError(envelope.error);
  // Parsed by calls[name].res just above; the generic index is beyond what TypeScript can follow.
  return envelope.result as CallResponse<K>;
}
