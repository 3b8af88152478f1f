/**
 * How CLI commands reach the services: open the same core the app uses, run contract calls
 * through the same dispatch as both transports, and close it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CallName, CallRequest, CallResponse } from '../shared/api';
import { userMessage } from '../shared/plaid-error';
import type { Core, CoreOptions } from '../main/services/core-types';
import { AppError } from '../main/services/errors';
import { envPaths } from '../main/services/paths';
import { CliError, credentialsFromEnv, type CommonFlags } from './args';

/**
 * Only commands that make data (link, serve, restore) may start a data dir; the others would
 * otherwise answer a mistyped --data-dir with an empty, freshly made ledger.
 */
export function requireExistingData(flags: CommonFlags): void {
  if (!fs.existsSync(path.join(flags.dataDir, 'ledger-id'))) {
    throw new CliError(
      `no Coffer data in ${flags.dataDir}: check --data-dir (or $COFFER_DATA_DIR), or link a bank first with \`coffer link\`.`,
    );
  }
  if (!fs.existsSync(envPaths(flags.dataDir, flags.environment).ledger)) {
    throw new CliError(
      `no ${flags.environment} ledger in ${flags.dataDir}: check --plaid-env, or link a bank there first.`,
    );
  }
}

/**
 * `create`: the command may start a data dir (see requireExistingData). `readOnly`: it only reads
 * the ledger, so it needs no Plaid keys and starts no simulator.
 */
export async function withCore<T>(
  flags: CommonFlags,
  host: CoreOptions['host'],
  fn: (core: Core) => Promise<T>,
  options: { create?: boolean; readOnly?: boolean; switchable?: boolean } = {},
): Promise<T> {
  if (!options.create) requireExistingData(flags);
  // Loaded on demand: `--help` and usage errors should not wait for SQLite, Plaid's SDK and the keychain.
  const { openCore } = await import('../main/services/core');
  const coreOptions = {
    dataDir: flags.dataDir,
    plaidUrl: flags.plaidUrl,
    credentials: credentialsFromEnv(),
    readOnly: options.readOnly,
    host,
  };
  // A window (serve) may switch environments; without --plaid-env or PLAID_ENV it opens on the last one chosen.
  const core = options.switchable
    ? await (
        await import('../main/services/setup/app-core')
      ).openAppCore(
        { ...coreOptions, environment: flags.environmentGiven ? flags.environment : null },
        openCore,
      )
    : await openCore({ ...coreOptions, environment: flags.environment });
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
