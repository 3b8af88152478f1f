/**
 * Which Plaid the core talks to and with which keys. Keys: explicit options → PLAID_CLIENT_ID /
 * PLAID_SECRET → the keychain (`plaid-client:<env>`) → in demo, the simulator's demo keys.
 * Base URL: explicit plaidUrl → in demo, an embedded simulator → Plaid's own servers.
 */
import { z } from 'zod';
import type { RunningSimulator } from '../../../sim/index';
import type { PlaidEnvironment } from '../../shared/api';
import { AppError } from './errors';
import { simulatorStatePath } from './paths';
import { plaidClientPurpose, type KeychainStatus, type SecretStore } from './secrets/store';

export interface PlaidKeys {
  clientId: string;
  secret: string;
}

export type KeySource = 'options' | 'environment' | 'keychain' | 'demo';

const StoredKeys = z.object({ clientId: z.string().min(1), secret: z.string().min(1) });

export interface ResolveKeysInput {
  environment: PlaidEnvironment;
  credentials?: PlaidKeys | null;
  env: NodeJS.ProcessEnv;
  keychain: { status: KeychainStatus; store: SecretStore } | null;
}

export async function resolveKeys(input: ResolveKeysInput): Promise<{ keys: PlaidKeys; source: KeySource }> {
  if (input.credentials) return { keys: input.credentials, source: 'options' };
  const { PLAID_CLIENT_ID: clientId, PLAID_SECRET: secret } = input.env;
  if (clientId && secret) return { keys: { clientId, secret }, source: 'environment' };
  if (input.keychain?.status.available) {
    const stored = await input.keychain.store.get(plaidClientPurpose(input.environment));
    if (stored) {
      const parsed = StoredKeys.safeParse(safeJson(stored));
      if (parsed.success) return { keys: parsed.data, source: 'keychain' };
    }
  }
  if (input.environment === 'demo') {
    // The simulator is loaded only by a core that talks to it (a read-only core never does).
    const { DEMO_CREDENTIALS } = await import('../../../sim/index');
    return { keys: { ...DEMO_CREDENTIALS }, source: 'demo' };
  }
  throw new AppError(
    'PLAID_KEYS_MISSING',
    `No Plaid API keys for ${input.environment}: set PLAID_CLIENT_ID and PLAID_SECRET (your ${input.environment} ` +
      'client_id and secret from the Plaid Dashboard), or use demo mode, which needs none.',
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * A core opened read-only talks to no Plaid: no keys, and an address that never resolves (.invalid,
 * RFC 2606), so a call that reached for Plaid by mistake fails as unreachable and sends nothing.
 */
export const READ_ONLY_KEYS: PlaidKeys = { clientId: 'read-only', secret: 'read-only' };
export const READ_ONLY_ENDPOINT: PlaidEndpoint = { basePath: 'https://plaid.invalid', simulator: null };

export interface PlaidEndpoint {
  basePath: string;
  /** The embedded simulator when the core started one (demo without plaidUrl). */
  simulator: RunningSimulator | null;
}

export async function resolveEndpoint(input: {
  environment: PlaidEnvironment;
  plaidUrl?: string | null;
  dataDir: string;
  keys: PlaidKeys;
}): Promise<PlaidEndpoint> {
  if (input.plaidUrl) return { basePath: input.plaidUrl.replace(/\/+$/, ''), simulator: null };
  if (input.environment === 'demo') {
    const { startSimulator } = await import('../../../sim/index');
    const simulator = await startSimulator({
      port: 0,
      statePath: simulatorStatePath(input.dataDir),
      clientId: input.keys.clientId,
      secret: input.keys.secret,
    });
    return { basePath: simulator.url, simulator };
  }
  const { PlaidEnvironments } = await import('plaid');
  const basePath = PlaidEnvironments[input.environment];
  if (!basePath) throw new AppError('INVALID_ENVIRONMENT', `Unknown Plaid environment: ${input.environment}`);
  return { basePath, simulator: null };
}
