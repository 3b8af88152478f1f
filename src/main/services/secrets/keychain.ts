/**
 * The OS keychain through @napi-rs/keyring. On Linux the store is pinned to the Secret Service:
 * the default would silently fall back to the kernel keyring, which forgets everything at logout.
 */
import { AsyncEntry, Entry } from '@napi-rs/keyring';
import type { KeychainStatus, SecretStore } from './store';

const SERVICE = 'Coffer';
const OPTIONS = { linux: { store: 'secret-service' as const } };

function platformHint(): string {
  if (process.platform === 'darwin') return 'unlock the login keychain';
  if (process.platform === 'win32') return 'make sure Windows Credential Manager is available';
  return 'start gnome-keyring or KWallet, or run inside a desktop session';
}

export function keychainUnavailableMessage(): string {
  const store = process.platform === 'linux' ? ' (Secret Service)' : '';
  return `No keychain is available${store}: ${platformHint()}; sandbox and production need it.`;
}

export interface Keychain {
  store: SecretStore;
  status: KeychainStatus;
}

/** Opens the keychain for one data dir and probes it once with a read, which fails fast without a store. */
export async function openKeychain(ledgerId: string): Promise<Keychain> {
  const entry = (purpose: string) => new AsyncEntry(SERVICE, `${ledgerId}/${purpose}`, OPTIONS);
  const store: SecretStore = {
    kind: 'keychain',
    get: async (purpose) => (await entry(purpose).getPassword()) ?? null,
    set: async (purpose, value) => {
      await entry(purpose).setPassword(value);
    },
    delete: async (purpose) => {
      await entry(purpose).deletePassword();
    },
  };
  try {
    await entry('probe').getPassword();
    return { store, status: { available: true, message: null } };
  } catch {
    // The library's error text names D-Bus internals; the user needs the fix, not the trace.
    return { store, status: { available: false, message: keychainUnavailableMessage() } };
  }
}

/** A synchronous read, for tools and tests that open the ledger file outside the core. */
export function readKeychainSecretSync(ledgerId: string, purpose: string): string | null {
  return new Entry(SERVICE, `${ledgerId}/${purpose}`, OPTIONS).getPassword() ?? null;
}
