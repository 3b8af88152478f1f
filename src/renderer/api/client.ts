import { perCall, type CallName, type CallRequest, type CofferApi } from '../../shared/api';
import type { EventListener } from '../../shared/events';
import { hostBackupFiles, type BackupFileTransfer } from './backup-files';
import { hostExportDownload, type ExportDownload } from './export-files';
import { CofferApiError, unwrapEnvelope } from './errors';
import { createEventFanout, isTransportEvent } from './event-message';
import { httpTransport } from './http-transport';
import { findPreloadBridge, ipcTransport } from './ipc-transport';
import { createLinkOverlay } from './link-overlay';
import { takeHostToken } from './token';
import type { Transport } from './transport';

export interface CofferClient {
  api: CofferApi;
  /**
   * The same calls in a lane (e.g. the list's filter as it is typed): the host may drop a call
   * that a newer one in the same lane made moot before it ran; such a call rejects with
   * SUPERSEDED (see isSuperseded), which its caller ignores.
   */
  inLane(lane: string): CofferApi;
  /** The browser host's backup download and upload; null in Electron, whose main process has dialogs. */
  backupFiles: BackupFileTransfer | null;
  /** The browser host's export download; null in Electron, whose main process has a save dialog. */
  exportFiles: ExportDownload | null;
  /** Who shows system notifications: Electron's main process, or the page (web Notification API). */
  systemNotifications: 'shell' | 'web';
  onEvent(listener: EventListener): () => void;
  close(): void;
}

/**
 * At most one call per lane and name on the way: a browser holds only a few connections to the
 * host, so requests for every keystroke would wait in the browser, where the host cannot drop
 * them. A call waits for the one in flight; when that ends, only the newest waiting one is sent,
 * and the ones it replaced reject with SUPERSEDED.
 */
export function laneQueue() {
  const inFlight = new Map<string, Promise<unknown>>();
  const newest = new Map<string, number>();
  let next = 0;
  return {
    async run<T>(key: string, send: () => Promise<T>): Promise<T> {
      const mine = ++next;
      newest.set(key, mine);
      for (let busy = inFlight.get(key); busy; busy = inFlight.get(key)) {
        await busy.catch(() => undefined);
        if (newest.get(key) !== mine) {
          throw new CofferApiError({
            code: 'SUPERSEDED',
            message: 'A newer request from this window replaced this one.',
            plaid: null,
          });
        }
      }
      const sent = send();
      inFlight.set(key, sent);
      try {
        return await sent;
      } finally {
        inFlight.delete(key);
        if (newest.get(key) === mine) newest.delete(key);
      }
    },
  };
}

/** One typed client whatever carries it; every call is generated from the contract's call names. */
export function clientOver(
  transport: Transport,
  backupFiles: BackupFileTransfer | null = null,
  exportFiles: ExportDownload | null = null,
  systemNotifications: CofferClient['systemNotifications'] = 'shell',
): CofferClient {
  const fanout = createEventFanout();
  const lanes = laneQueue();
  const apiIn = (lane?: string) =>
    perCall<'api'>(<K extends CallName>(name: K) => async (req: CallRequest<K>) => {
      const send = async () => unwrapEnvelope(name, await transport.call(name, req ?? {}, lane));
      return lane === undefined ? send() : lanes.run(`${lane}\n${name}`, send);
    });
  const api = apiIn();
  transport.listen((event) => {
    if (!isTransportEvent(event)) fanout.emit(event);
  });
  return {
    api,
    inLane: apiIn,
    backupFiles,
    exportFiles,
    systemNotifications,
    onEvent: fanout.subscribe,
    close: () => transport.close(),
  };
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** The Electron preload's bridge when present, otherwise the browser host over HTTP. */
export function createClient(): CofferClient {
  const bridge = findPreloadBridge(window);
  if (bridge) return clientOver(ipcTransport(bridge));
  const token = takeHostToken({
    location: window.location,
    history: window.history,
    storage: sessionStorageOrNull(),
  });
  return clientOver(
    httpTransport({ token, overlay: createLinkOverlay(document) }),
    hostBackupFiles(token, globalThis.fetch.bind(globalThis), document),
    hostExportDownload(token, globalThis.fetch.bind(globalThis), document),
    'web',
  );
}
