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

/** Plain sentences for the codes a user meets most, when Plaid gives no display_message. */
const PLAIN: Record<string, string> = {
  ITEM_LOGIN_REQUIRED: 'Your bank needs you to sign in again. Reconnect to keep it updating.',
  ITEM_LOCKED: 'Your bank locked the account. Unlock it at the bank, then reconnect.',
  PASSWORD_RESET_REQUIRED: 'Your bank asks you to reset your password. Do that at the bank, then reconnect.',
  USER_PERMISSION_REVOKED:
    'Access to this bank was revoked. Remove it, and link it again if you want it back.',
  ITEM_NOT_FOUND: 'This bank connection no longer exists. Remove it and link the bank again.',
  INSTITUTION_DOWN: "The bank isn't responding right now. Coffer will try again later.",
  INSTITUTION_NOT_RESPONDING: "The bank isn't responding right now. Coffer will try again later.",
  INSTITUTION_NOT_AVAILABLE: "The bank isn't available right now. Coffer will try again later.",
  INSTITUTION_NO_LONGER_SUPPORTED: 'This bank is no longer supported. Remove it from Coffer.',
  RATE_LIMIT_EXCEEDED: 'Too many requests to the bank connection service. Try again in a minute.',
  INTERNAL_SERVER_ERROR: 'The bank connection service had a problem. Try again in a few minutes.',
  PLANNED_MAINTENANCE: 'The bank connection service is under maintenance. Try again later.',
};

/** What the user reads for an error: Plaid's display_message when it gave one, a plain sentence otherwise. */
export function userMessage(
  error: { display_message?: string | null; error_message?: string; error_code?: string } | null,
): string {
  if (!error) return 'Something went wrong.';
  if (error.display_message) return error.display_message;
  const plain = error.error_code ? PLAIN[error.error_code] : undefined;
  return plain ?? 'The bank connection reported a problem. Try again in a few minutes.';
}
