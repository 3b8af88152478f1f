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
import { demoWithoutKeychainNotice, memorySecretStore, type SecretStore } from './secrets/store';
import { DEMO_UNENCRYPTED_NOTICE } from './security/ledger-access';
import { SyncRunner } from './ingest/runner';
import { defaultSyncers, valueSources } from './ingest/registry';
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
import { createNotificationService } from './notifications/service';
import { createAuthService } from './auth/service';
import { createIdentityService } from './identity/service';
import { createKeysService } from './setup/keys';
import {
  DEFAULT_SYNC_INTERVAL_HOURS,
  preferenceHandlers,
  readSettings,
  syncIntervalMs,
  updateSettings,
} from './setup/app-settings';
import { exportToFile, prepareExport } from './exports/service';
import type { FilePicker } from './security/file-picker';
import { AssetReports } from './assets/service';
import { BankIncomeService } from './income/service';

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
    notices.push(demoWithoutKeychainNotice(keychain.status.message));
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
    // Without a keychain, the notice above already says the ledger is not encrypted.
    notices.push(...access.notices.filter((notice) => notice !== DEMO_UNENCRYPTED_NOTICE));
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
  const sync = new SyncRunner(ctx, lifecycle, defaultSyncers(testing.now));
  const link = new LinkFlow(ctx, sync, lifecycle, testing.now);
  const income = new BankIncomeService(ctx);
  const productAdder = new ProductAdder(ctx, sync, link, () => income.userToken());
  const assets = new AssetReports(ctx, dataDir);
  // ASSETS webhooks (through the relay) finish the report they name.
  listeners.add((name, payload) => {
    if (name !== 'webhook.received') return;
    const webhook = payload as EventPayload<'webhook.received'>;
    if (webhook.product === 'assets') assets.onWebhook(webhook.assetReportId);
  });
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

  const itemsView = () =>
    lifecycle.listItems({ isSyncing: (id) => sync.isSyncing(id), persistent: secrets.kind === 'keychain' });
  const notifications = createNotificationService({ ledger, log, emit, items: itemsView, now: testing.now });

  const webhooks = new WebhookService({
    ctx,
    dataDir,
    envDir: paths.dir,
    plaidKeys: keys,
    syncIntervalMs: syncIntervalMs(readSettings(dataDir)),
    active:
      options.host === 'electron' || options.host === 'browser-host' || testing.webhooks?.active === true,
    runSync: async (itemId) => {
      const results = await sync.run(itemId);
      notifications.afterWebhookSync(results);
      return results;
    },
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
  let filePicker: FilePicker | null = null;
  const exportDeps = { ledger, dataDir, emit };

  const handlers: ApiHandlers = {
    ...security.handlers,
    ...transactions.handlers,
    ...portfolioHandlers(ledger),
    ...createLiabilitiesService(ledger, testing.now).handlers,
    ...createNetWorthService({ ctx, now: testing.now, sources: valueSources }).handlers,
    ...createExportService(exportDeps, () => filePicker),
    ...createAuthService(ctx, (itemId) => productAdder.token(itemId)),
    ...createIdentityService(ctx, (itemId) => productAdder.token(itemId)),
    ...preferenceHandlers(dataDir),
    ...assets.handlers(),
    ...income.handlers(),
    'app.info': async () => info(),
    ...notifications.handlers,
    'items.list': async () => ({ items: itemsView() }),
    'accounts.list': async () => ({ accounts: withArchivedFlag(ledger, listAccounts(ledger)) }),
    'sync.run': async (req) => ({ results: await sync.run(req.itemId) }),
    'link.open': async (req) => link.open(req.itemId, req.products),
    'items.productPath': async (req) => productAdder.plan(req.itemId, req.product),
    'items.addProduct': async (req) => productAdder.add(req.itemId, req.product),
    'link.confirm': async (req) => link.confirm(req.pendingId, req.proceed),
    'items.remove': async (req) => lifecycle.remove(req.itemId, req.keepHistory),
    'relay.get': async () => webhooks.status(),
    'relay.set': async (req) => webhooks.configure(req.webhookUrl, req.secret),
    ...createKeysService({
      keychain: keychain.status.available ? keychain.store : null,
      plaidUrl: options.plaidUrl ?? null,
      env: process.env,
      log,
      redactor,
      timeoutMs: testing.plaidTimeoutMs,
      retry: { ...defaultRetryPolicy, sleep: testing.sleep ?? defaultRetryPolicy.sleep, now: testing.now },
    }),
    'setup.settings': async () => ({
      syncIntervalHours: readSettings(dataDir).syncIntervalHours ?? DEFAULT_SYNC_INTERVAL_HOURS,
    }),
    'setup.saveSettings': async (req) => {
      const saved = updateSettings(dataDir, { syncIntervalHours: req.syncIntervalHours });
      return { syncIntervalHours: saved.syncIntervalHours ?? DEFAULT_SYNC_INTERVAL_HOURS };
    },
    'setup.openDataFolder': async () => {
      if (!options.openFolder) return { opened: false };
      await options.openFolder(dataDir);
      return { opened: true };
    },
    // Both need this core closed first: the app core (setup/app-core.ts) answers them.
    'setup.switchEnvironment': async () => {
      throw new AppError('APP_ONLY', 'Switching environments is done in the app, not here.');
    },
    'setup.deleteEverything': async () => {
      throw new AppError('APP_ONLY', 'Deleting everything is done in the app, not here.');
    },
  };

  // The app's hosts raise notifications; a CLI command only reads them.
  const evaluating =
    options.host === 'electron' || options.host === 'browser-host' || testing.notifications === true
      ? notifications.start()
      : null;
  const stopFollowing = evaluating
    ? (() => {
        const follow: EventListener = (name) => {
          if (name === 'ledger.changed') evaluating.ledgerChanged();
        };
        listeners.add(follow);
        return () => listeners.delete(follow);
      })()
    : () => undefined;

  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      link.abortAll();
      evaluating?.stop();
      stopFollowing();
      security.close();
      await webhooks.close();
      await assets.idle();
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
    setFilePicker: (picker) => {
      filePicker = picker;
      security.setFilePicker(picker);
      assets.setPdfPicker(picker.savePdf ? (name) => picker.savePdf!(name) : null);
    },
    assetReports: assets,
    backups: security.backups,
    exports: {
      prepare: (req, onProgress) => prepareExport(exportDeps, req, onProgress),
      writeAt: (prepared, target, overwrite) => exportToFile(exportDeps, prepared, target, overwrite),
    },
    linkSandboxItem: (institutionId, products) => link.sandboxItem(institutionId, products),
    close,
  };
}
