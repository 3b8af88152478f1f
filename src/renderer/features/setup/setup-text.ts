import type { KeyEnvironment, PlaidEnvironment } from '../../../shared/api';
import { CofferApiError, errorText } from '../../api/errors';

/**
 * Why keys were refused, as Plaid said it: INVALID_API_KEYS has no display_message, and the person
 * pasting keys is helped by Plaid's own sentence and code, which the dashboard's docs search finds.
 */
export function keyErrorText(error: unknown): string {
  if (error instanceof CofferApiError && error.plaid) {
    const said = error.plaid.display_message ?? error.plaid.error_message;
    return `Plaid refused these keys: ${said} (${error.plaid.error_code}). Nothing was saved.`;
  }
  return errorText(error);
}

export const ENVIRONMENT_HELP: Record<KeyEnvironment, string> = {
  sandbox:
    'Sandbox: Plaid’s test banks with made-up data, free and unlimited. Link with user_good / pass_good.',
  production: 'Production: your real banks. Plaid bills each linked bank to your Plaid account.',
};

export const ENVIRONMENT_NAMES: Record<PlaidEnvironment, string> = {
  demo: 'Demo',
  sandbox: 'Sandbox',
  production: 'Production',
};

/** Reload the window on the environment the core now serves: every store starts over from its ledger. */
export function reloadWindow(): void {
  window.location.reload();
}
