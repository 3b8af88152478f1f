import { z } from 'zod';

/**
 * Plaid's error object, kept in Plaid's shape wherever it travels (ledger, contract, UI), so the
 * user sees Plaid's `display_message` and a bug report carries the `request_id`.
 */
export const PlaidErrorShape = z.object({
  error_type: z.string(),
  error_code: z.string(),
  error_message: z.string(),
  display_message: z.string().nullable(),
  request_id: z.string().nullable().optional(),
});
export type PlaidErrorShape = z.infer<typeof PlaidErrorShape>;

/** What the user reads for an error: Plaid's display_message when it gave one, a plain sentence otherwise. */
export function userMessage(
  error: { display_message?: string | null; error_message?: string } | null,
): string {
  if (!error) return 'Something went wrong.';
  if (error.display_message) return error.display_message;
  return 'The bank connection reported a problem. Try again in a few minutes.';
}
