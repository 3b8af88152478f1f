/**
 * What the Link page (its own window in Electron, an overlay in the browser host) reports back
 * to main. Shapes follow Plaid Link's onSuccess/onExit callbacks so the same page works with
 * Plaid's real link-initialize.js and the simulator's stand-in.
 */
import { z } from 'zod';

export const LinkInstitution = z.object({ name: z.string(), institution_id: z.string() }).nullable();

export const LinkSuccessMetadata = z
  .object({
    institution: LinkInstitution,
    accounts: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          mask: z.string().nullable(),
          type: z.string(),
          subtype: z.string().nullable(),
          verification_status: z.string().nullable().optional(),
        })
        .passthrough(),
    ),
    link_session_id: z.string(),
  })
  .passthrough();

export const LinkExitError = z
  .object({
    error_type: z.string(),
    error_code: z.string(),
    error_message: z.string(),
    display_message: z.string().nullable(),
  })
  .passthrough()
  .nullable();

export const LinkPageResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('success'),
    publicToken: z.string().min(1).max(256),
    metadata: LinkSuccessMetadata,
  }),
  z.object({
    kind: z.literal('exit'),
    error: LinkExitError,
    metadata: z
      .object({ status: z.string().nullable().optional(), link_session_id: z.string().optional() })
      .passthrough(),
  }),
]);
export type LinkPageResult = z.infer<typeof LinkPageResult>;

/** Query parameters of the Link page: everything it needs, nothing secret (link tokens are public, short-lived). */
export const LinkPageParams = z.object({
  session: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/),
  token: z.string().min(1).max(256),
  script: z.string().url(),
});
export type LinkPageParams = z.infer<typeof LinkPageParams>;

/** Plaid's Link script, which must be loaded from Plaid's CDN (never bundled). */
export const PLAID_LINK_SCRIPT = 'https://cdn.plaid.com/link/v2/stable/link-initialize.js';
/** The simulator serves its stand-in at the same path on its own origin. */
export const LINK_SCRIPT_PATH = '/link/v2/stable/link-initialize.js';
