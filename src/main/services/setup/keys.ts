/**
 * The user's own Plaid keys, per environment, in the keychain (`plaid-client:<env>`). A key is kept
 * only after Plaid accepted it: a wrong client_id or secret answers Plaid's INVALID_API_KEYS and
 * nothing is written.
 */
import type { CallHandlers, KeyEnvironment } from '../../../shared/api';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import { createPlaidApi, PlaidGateway } from '../plaid/client';
import type { Redactor } from '../plaid/redact';
import { defaultRetryPolicy, type RetryPolicy } from '../plaid/retry';
import { plaidClientPurpose, type SecretStore } from '../secrets/store';

const KEY_ENVIRONMENTS: readonly KeyEnvironment[] = ['sandbox', 'production'];

export interface KeysServiceOptions {
  keychain: SecretStore | null;
  /** The process's own Plaid URL (a simulator in tests and `--plaid-url`); Plaid's servers otherwise. */
  plaidUrl: string | null;
  env: NodeJS.ProcessEnv;
  log: Logger;
  redactor: Redactor;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

type KeyCalls = 'setup.keys' | 'setup.saveKeys' | 'setup.forgetKeys';

export async function plaidBasePath(environment: KeyEnvironment, plaidUrl: string | null): Promise<string> {
  if (plaidUrl) return plaidUrl.replace(/\/+$/, '');
  const { PlaidEnvironments } = await import('plaid');
  const basePath = PlaidEnvironments[environment];
  if (!basePath) throw new AppError('INVALID_ENVIRONMENT', `Unknown Plaid environment: ${environment}`);
  return basePath;
}

export function createKeysService(options: KeysServiceOptions): CallHandlers<KeyCalls> {
  const { keychain } = options;
  const requireKeychain = (): SecretStore => {
    if (!keychain) {
      throw new AppError(
        'KEYCHAIN_UNAVAILABLE',
        'Plaid keys are kept only in the system keychain, and none is available here.',
      );
    }
    return keychain;
  };
  const fromEnvironmentVariables = Boolean(options.env.PLAID_CLIENT_ID && options.env.PLAID_SECRET);

  return {
    'setup.keys': async () => ({
      keychainAvailable: keychain !== null,
      environments: await Promise.all(
        KEY_ENVIRONMENTS.map(async (environment) => ({
          environment,
          saved: keychain ? (await keychain.get(plaidClientPurpose(environment))) !== null : false,
          fromEnvironmentVariables,
        })),
      ),
    }),
    'setup.saveKeys': async ({ environment, clientId, secret }) => {
      const store = requireKeychain();
      options.redactor.add(secret);
      const gateway = new PlaidGateway(
        createPlaidApi({
          basePath: await plaidBasePath(environment, options.plaidUrl),
          clientId,
          secret,
          timeoutMs: options.timeoutMs,
        }),
        options.log,
        { retry: options.retry ?? defaultRetryPolicy },
      );
      await gateway.checkKeys();
      await store.set(plaidClientPurpose(environment), JSON.stringify({ clientId, secret }));
      options.log.info('plaid keys saved', { environment });
      return { environment };
    },
    'setup.forgetKeys': async ({ environment }) => {
      await requireKeychain().delete(plaidClientPurpose(environment));
      options.log.info('plaid keys forgotten', { environment });
      return { environment };
    },
  };
}
