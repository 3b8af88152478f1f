/**
 * How CLI commands reach the services: open the same core the app uses, run contract calls
 * through the same dispatch as both transports, and close it again.
 */
import type { CallName, CallRequest, CallResponse } from '../shared/api';
import { userMessage } from '../shared/plaid-error';
import type { Core, CoreOptions } from '../main/services/core-types';
import { AppError } from '../main/services/errors';
import { CliError, credentialsFromEnv, type CommonFlags } from './args';

/** `readOnly`: the command only reads the ledger, so it needs no Plaid keys and starts no simulator. */
export async function withCore<T>(
  flags: CommonFlags,
  host: CoreOptions['host'],
  fn: (core: Core) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  // Loaded on demand: `--help` and usage errors should not wait for SQLite, Plaid's SDK and the keychain.
  const { openCore } = await import('../main/services/core');
  const core = await openCore({
    dataDir: flags.dataDir,
    environment: flags.environment,
    plaidUrl: flags.plaidUrl,
    credentials: credentialsFromEnv(),
    readOnly: options.readOnly,
    host,
  });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** Plaid's display_message (with its code) when Plaid said something; the app's own message otherwise. */
export function describeFailure(error: { message: string; plaid: AppError['plaid'] }): string {
  if (error.plaid) return `${userMessage(error.plaid)} (${error.plaid.error_code})`;
  return error.message;
}

export async function call<K extends CallName>(
  core: Core,
  name: K,
  req: CallRequest<K>,
): Promise<CallResponse<K>> {
  // Loaded with the core, not at start: the contract's schemas are most of what `--help` would load.
  const { dispatch } = await import('../main/services/dispatch');
  const envelope = await dispatch(core.handlers, name, req);
  if (!envelope.ok) throw new CliError(describeFailure(envelope.error));
  return envelope.result as CallResponse<K>;
}
