/**
 * The core a window talks to: one `Core` whose environment can change while the app runs. Switching
 * closes the open environment's core (its ledger, worker, relay poller) and opens the other one;
 * the window's event stream, Link presenter and file picker carry over. Deleting everything also
 * happens here, because the ledger must be closed before its files go.
 */
import fs from 'node:fs';
import type { AppInfo, CallHandlers, PlaidEnvironment } from '../../../shared/api';
import { callNames } from '../../../shared/api';
import type { EventListener } from '../../../shared/events';
import type { Core, CoreOptions, LinkPresenter } from '../core-types';
import { envPaths, readOrCreateLedgerId } from '../paths';
import type { FilePicker } from '../security/file-picker';
import { openKeychain } from '../secrets/keychain';
import { ledgerKeyPurpose, pendingRecoveryKeyPurpose, plaidClientPurpose } from '../secrets/store';
import { readSettings, updateSettings } from './app-settings';

export interface AppCoreOptions extends Omit<CoreOptions, 'environment'> {
  /** Given on the command line or by PLAID_ENV; otherwise the environment chosen last, else demo. */
  environment: PlaidEnvironment | null;
}

type OpenCore = (options: CoreOptions) => Promise<Core>;

export function startingEnvironment(dataDir: string, given: PlaidEnvironment | null): PlaidEnvironment {
  return given ?? readSettings(dataDir).environment ?? 'demo';
}

export async function openAppCore(options: AppCoreOptions, open: OpenCore): Promise<Core> {
  const { environment: given, ...rest } = options;
  const openEnv = (environment: PlaidEnvironment) => open({ ...rest, environment });
  let current = await openEnv(startingEnvironment(options.dataDir, given));

  const listeners = new Set<EventListener>();
  let presenter: LinkPresenter | null = null;
  let picker: FilePicker | null = null;
  const attach = (core: Core) => {
    const detach = core.onEvent((name, payload) => {
      for (const listener of listeners) listener(name, payload);
    });
    if (presenter) core.setLinkPresenter(presenter);
    if (picker) core.setFilePicker(picker);
    return detach;
  };
  let detach = attach(current);

  // One switch or deletion at a time; calls meanwhile wait for the new core.
  let busy: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = busy.then(work, work);
    busy = run.catch(() => undefined);
    return run;
  };
  const replace = async (
    environment: PlaidEnvironment,
    beforeOpen?: (closed: PlaidEnvironment) => Promise<void>,
  ) => {
    const previous = current.info().environment;
    detach();
    await current.close();
    await beforeOpen?.(previous);
    try {
      current = await openEnv(environment);
    } catch (error) {
      // The other environment cannot open (no keys, no keychain): stay where the user was.
      current = await openEnv(beforeOpen ? 'demo' : previous);
      detach = attach(current);
      throw error;
    }
    detach = attach(current);
    updateSettings(options.dataDir, { environment });
  };

  const switchEnvironment = (environment: PlaidEnvironment): Promise<AppInfo> =>
    exclusive(async () => {
      if (current.info().environment !== environment) await replace(environment);
      return current.info();
    });

  const deleteEverything = () =>
    exclusive(async () => {
      // Removed at Plaid first, each one, so nothing stays billed; a failure stops here with the ledger intact.
      const { items } = await current.handlers['items.list']({});
      let removedItems = 0;
      for (const item of items) {
        await current.handlers['items.remove']({ itemId: item.id, keepHistory: false });
        removedItems++;
      }
      await replace('demo', async (environment) => {
        const keychain = await openKeychain(readOrCreateLedgerId(options.dataDir));
        if (keychain.status.available) {
          for (const purpose of [
            ledgerKeyPurpose(environment),
            pendingRecoveryKeyPurpose(environment),
            plaidClientPurpose(environment),
          ]) {
            await keychain.store.delete(purpose);
          }
        }
        fs.rmSync(envPaths(options.dataDir, environment).dir, { recursive: true, force: true });
      });
      return { removedItems, info: current.info() };
    });

  const handlers = Object.fromEntries(
    callNames.map((name) => [
      name,
      async (req: never) => {
        await busy;
        return (current.handlers[name] as (r: never) => Promise<unknown>)(req);
      },
    ]),
  ) as unknown as CallHandlers;
  handlers['setup.switchEnvironment'] = async ({ environment }) => switchEnvironment(environment);
  handlers['setup.deleteEverything'] = async () => deleteEverything();

  return {
    handlers,
    info: () => current.info(),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setLinkPresenter: (next) => {
      presenter = next;
      current.setLinkPresenter(next);
    },
    setFilePicker: (next) => {
      picker = next;
      current.setFilePicker(next);
    },
    get backups() {
      return current.backups;
    },
    get exports() {
      return current.exports;
    },
    get assetReports() {
      return current.assetReports;
    },
    linkSandboxItem: (institutionId, products) => current.linkSandboxItem(institutionId, products),
    close: async () => {
      await busy;
      detach();
      await current.close();
    },
  };
}
