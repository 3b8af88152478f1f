/**
 * The Electron-free core: opens the data dir (ledger id, keychain, ledger, logs), decides which
 * Plaid to talk to, and serves every call of the contract. Electron main, the browser host, the
 * CLI and tests all use this one implementation.
 */
import path from 'node:path';
import pkg from '../../../package.json';
import type { AppInfo } from '../../shared/api';
import type { EventListener, EventName, EventPayload } from '../../shared/events';
import type { CoreContext } from './context';
import type { ApiHandlers, Core, CoreOptions } from './core-types';
import { READ_ONLY_ENDPOINT, READ_ONLY_KEYS, resolveEndpoint, resolveKeys } from './environment';
import { AppError } from './errors';
import { WriterLock } from './ledger/writer-lock';
import { withArchivedFlag } from './items/lifecycle-store';
import { ItemLifecycle } from './items/lifecycle';
import { LinkFlow } from './items/link';
import { ProductAdder } from './items/add-product';
import { createFileLogger } from './log/logger';
import { createPlaidApi, PlaidGateway } from './plaid/client';
import { Redactor } from './plaid/redact';
import { defaultRetryPolicy } from './plaid/retry';
import { ensureDir, envPaths, readOrCreateLedgerId } from './paths';
import { openKeychain } from './secrets/keychain';
import { DEMO_MEMORY_NOTICE, memorySecretStore, type SecretStore } from './secrets/store';
import { SyncRunner } from './ingest/runner';
import { defaultSyncers } from './ingest/registry';
import { createTransactionsService } from './transactions/service';
import { createNetWorthService } from './net-worth/service';
import { workerLedgerWork } from './worker/worker-work';
import { isDeferred } from './ledger/schema-state';
import { WebhookService } from './webhooks/service';
import { createSecurityService } from './security/handlers';
import { portfolioHandlers } from './portfolio/service';
import { openLedgerWithKey } from './security/ledger-access';
import { listAccounts } from './items/store';
import { createLiabilitiesService } from './liabilities/service';
import { createExportService } from './exports/service';

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

  const { keys } = options.readOnly
    ? { keys: READ_ONLY_KEYS }
    : await resolveKeys({
        environment,
        credentials: options.credentials,
        env: process.env,
        keychain: keychain.status.available ? keychain : null,
      });
  redactor.add(keys.secret);

  const endpoint = options.readOnly
    ? READ_ONLY_ENDPOINT
    : await resolveEndpoint({ environment, plaidUrl: options.plaidUrl, dataDir, keys });
  const lock = new WriterLock(paths.writerLock, { waitMs: options.testing?.writerWaitMs });
  let ledger;
  let ledgerKey: Buffer | null;
  try {
    const access = await openLedgerWithKey({
      environment,
      ledgerFile: paths.ledger,
      recoveryFile: paths.ledgerRecovery,
      keychain: keychain.status.available ? keychain.store : null,
      lock,
      log,
    });
    ({ ledger, key: ledgerKey } = access);
    notices.push(...access.notices);
    redactor.add(ledgerKey?.toString('hex'));
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
    {
      retry: { ...defaultRetryPolicy, sleep: testing.sleep ?? defaultRetryPolicy.sleep, now: testing.now },
      breaker: testing.breaker,
    },
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

  // Sync page apply, rules over the history and aggregate rebuilds run in a worker thread.
  const work = workerLedgerWork({ file: paths.ledger, key: ledgerKey, log });
  // A crash during a first sync's bulk load left its indexes unbuilt: they are built before other
  // work. The app's worker also starts now rather than at the first sync, which its boot would delay
  // (a CLI command, short-lived, starts it only if it needs it).
  if (isDeferred(ledger.db))
    void work
      .run('restoreDeferredSchema', undefined)
      .then(() => log.info('built the indexes an interrupted first sync had deferred'))
      .catch((error: unknown) => log.warn('building deferred indexes failed', { message: String(error) }));
  else if (options.host === 'electron' || options.host === 'browser-host')
    void work.run('ready', undefined).catch(() => undefined);
  const ctx: CoreContext = {
    work,
    environment,
    ledgerId,
    basePath: endpoint.basePath,
    ledger,
    plaid,
    secrets,
    lock,
    log,
    redactor,
    emit,
    syncPageSize: testing.syncPageSize,
    syncHooks: testing.syncHooks,
  };
  const lifecycle = new ItemLifecycle(ctx, testing.now);
  testing.onLifecycle?.(lifecycle);
  const sync = new SyncRunner(ctx, lifecycle, defaultSyncers(testing.now ? { now: testing.now } : undefined));
  const link = new LinkFlow(ctx, sync, lifecycle, testing.now);
  const productAdder = new ProductAdder(ctx, sync, link);
  const security = await createSecurityService({
    environment,
    dataDir,
    envDir: paths.dir,
    recoveryFile: paths.ledgerRecovery,
    ledger,
    key: ledgerKey,
    keychain: keychain.status.available ? keychain.store : null,
    lock,
    log,
    redactor,
    idle: () => sync.idle(),
    emit,
  });

  const webhooks = new WebhookService({
    ctx,
    dataDir,
    envDir: paths.dir,
    plaidKeys: keys,
    active:
      options.host === 'electron' || options.host === 'browser-host' || testing.webhooks?.active === true,
    runSync: (itemId) => sync.run(itemId),
    itemWebhook: (itemId, code, error, extra) => void lifecycle.applyItemWebhook(itemId, code, error, extra),
    testing: testing.webhooks,
  });
  plaid.useWebhookUrl(() => webhooks.webhookUrl());
  await webhooks.start();

  const info = (): AppInfo => ({
    version: pkg.version,
    environment,
    dataDir,
    keychain: keychain.status,
    notices: [...notices, ...security.notices()],
  });

  const transactions = createTransactionsService({ ctx, sync, work });

  const handlers: ApiHandlers = {
    ...security.handlers,
    ...transactions.handlers,
    ...portfolioHandlers(ledger),
    ...createLiabilitiesService(ledger, testing.now).handlers,
    ...createNetWorthService({ ctx, now: testing.now }).handlers,
    ...createExportService({ ledger, dataDir, emit }),
    'app.info': async () => info(),
    'items.list': async () => ({
      items: lifecycle.listItems({
        isSyncing: (id) => sync.isSyncing(id),
        persistent: secrets.kind === 'keychain',
      }),
    }),
    'accounts.list': async () => ({ accounts: withArchivedFlag(ledger, listAccounts(ledger)) }),
    'sync.run': async (req) => ({ results: await sync.run(req.itemId) }),
    'link.open': async (req) => link.open(req.itemId, req.products),
    'items.productPath': async (req) => productAdder.plan(req.itemId, req.product),
    'items.addProduct': async (req) => productAdder.add(req.itemId, req.product),
    'link.confirm': async (req) => link.confirm(req.pendingId, req.proceed),
    'items.remove': async (req) => lifecycle.remove(req.itemId, req.keepHistory),
    'relay.get': async () => webhooks.status(),
    'relay.set': async (req) => webhooks.configure(req.webhookUrl, req.secret),
  };

  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      link.abortAll();
      security.close();
      await webhooks.close();
      await sync.idle();
      await work.close();
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
    setFilePicker: (picker) => security.setFilePicker(picker),
    backups: security.backups,
    linkSandboxItem: (institutionId, products) => link.sandboxItem(institutionId, products),
    close,
  };
}
