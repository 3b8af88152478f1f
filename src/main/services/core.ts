/**
 * The Electron-free core: opens the data dir (ledger id, keychain, ledger, logs), decides which
 * Plaid to talk to, and serves every call of the contract. Electron main, the browser host, the
 * CLI and tests all use this one implementation.
 */
import path from 'node:path';
import pkg from '../../../package.json';
import type { AppInfo, Item } from '../../shared/api';
import type { EventListener, EventName, EventPayload } from '../../shared/events';
import type { CoreContext } from './context';
import type { ApiHandlers, Core, CoreOptions } from './core-types';
import { resolveEndpoint, resolveKeys } from './environment';
import { AppError } from './errors';
import { openLedger } from './ledger/ledger';
import { WriterLock } from './ledger/writer-lock';
import { LinkFlow } from './link';
import { createFileLogger } from './log/logger';
import { createPlaidApi, PlaidGateway } from './plaid/client';
import { Redactor } from './plaid/redact';
import { defaultRetryPolicy } from './plaid/retry';
import { ensureDir, envPaths, readOrCreateLedgerId } from './paths';
import { openKeychain } from './secrets/keychain';
import { DEMO_MEMORY_NOTICE, memorySecretStore, type SecretStore } from './secrets/store';
import { SyncRunner } from './sync/runner';

export type { Core, CoreOptions } from './core-types';

export async function openCore(options: CoreOptions): Promise<Core> {
  const dataDir = path.resolve(options.dataDir);
  const environment = options.environment;
  const ledgerId = readOrCreateLedgerId(dataDir);
  const paths = envPaths(dataDir, environment);
  ensureDir(paths.dir);

  const redactor = new Redactor();
  const log = createFileLogger({ file: paths.log, redactor });
  log.info('core opening', { environment, host: options.host, version: pkg.version });

  const keychain = await openKeychain(ledgerId);
  const notices: string[] = [];
  let secrets: SecretStore;
  if (keychain.status.available) {
    secrets = keychain.store;
  } else if (environment === 'demo') {
    secrets = memorySecretStore();
    notices.push(DEMO_MEMORY_NOTICE);
  } else {
    log.warn('keychain unavailable; refusing to open', { environment });
    throw new AppError('KEYCHAIN_UNAVAILABLE', keychain.status.message ?? 'No keychain is available.');
  }

  const { keys } = await resolveKeys({
    environment,
    credentials: options.credentials,
    env: process.env,
    keychain: keychain.status.available ? keychain : null,
  });
  redactor.add(keys.secret);

  const endpoint = await resolveEndpoint({ environment, plaidUrl: options.plaidUrl, dataDir, keys });
  let ledger;
  try {
    ledger = openLedger(paths.ledger);
  } catch (error) {
    await endpoint.simulator?.close();
    throw error;
  }

  const testing = options.testing ?? {};
  const plaid = new PlaidGateway(
    createPlaidApi({
      basePath: endpoint.basePath,
      clientId: keys.clientId,
      secret: keys.secret,
      timeoutMs: testing.plaidTimeoutMs,
    }),
    log,
    { ...defaultRetryPolicy, sleep: testing.sleep ?? defaultRetryPolicy.sleep },
  );

  const listeners = new Set<EventListener>();
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => {
    for (const listener of listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        log.warn('event listener failed', { event: name, message: String(error) });
      }
    }
  };

  const ctx: CoreContext = {
    environment,
    ledgerId,
    basePath: endpoint.basePath,
    ledger,
    plaid,
    secrets,
    lock: new WriterLock(paths.writerLock, { waitMs: testing.writerWaitMs }),
    log,
    redactor,
    emit,
    syncPageSize: testing.syncPageSize,
    syncHooks: testing.syncHooks,
  };
  const sync = new SyncRunner(ctx);
  const link = new LinkFlow(ctx, sync);

  const info = (): AppInfo => ({
    version: pkg.version,
    environment,
    dataDir,
    keychain: keychain.status,
    notices: [...notices],
  });

  const handlers: ApiHandlers = {
    'app.info': async () => info(),
    'items.list': async () => ({
      items: ledger.listItems().map((row): Item => ({
        id: row.itemId,
        institutionId: row.institutionId,
        institutionName: row.institutionName,
        status: sync.isSyncing(row.itemId) ? 'syncing' : row.status,
        lastSyncedAt: row.lastSyncedAt,
        error: row.error,
        persistent: secrets.kind === 'keychain',
      })),
    }),
    'accounts.list': async () => ({ accounts: ledger.listAccounts() }),
    'transactions.list': async (req) => ledger.listTransactions(req),
    'sync.run': async (req) => ({ results: await sync.run(req.itemId) }),
    'link.open': async () => link.open(),
  };

  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      link.abortAll();
      await sync.idle();
      ledger.close();
      await endpoint.simulator?.close();
      log.info('core closed');
    })();
    return closed;
  };

  return {
    handlers,
    info,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setLinkPresenter: (presenter) => link.setPresenter(presenter),
    linkSandboxItem: (institutionId) => link.sandboxItem(institutionId),
    close,
  };
}
