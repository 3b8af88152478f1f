import { perCall, type CallName, type CallRequest, type CofferApi } from '../../shared/api';
import type { EventListener } from '../../shared/events';
import { hostBackupFiles, type BackupFileTransfer } from './backup-files';
import { hostExportDownload, type ExportDownload } from './export-files';
import { unwrapEnvelope } from './errors';
import { createEventFanout, isTransportEvent } from './event-message';
import { httpTransport } from './http-transport';
import { findPreloadBridge, ipcTransport } from './ipc-transport';
import { createLinkOverlay } from './link-overlay';
import { takeHostToken } from './token';
import type { Transport } from './transport';

export interface CofferClient {
  api: CofferApi;
  /** The browser host's backup download and upload; null in Electron, whose main process has dialogs. */
  backupFiles: BackupFileTransfer | null;
  /** The browser host's export download; null in Electron, whose main process has a save dialog. */
  exportFiles: ExportDownload | null;
  onEvent(listener: EventListener): () => void;
  close(): void;
}

/** One typed client whatever carries it; every call is generated from the contract's call names. */
export function clientOver(
  transport: Transport,
  backupFiles: BackupFileTransfer | null = null,
  exportFiles: ExportDownload | null = null,
): CofferClient {
  const fanout = createEventFanout();
  const api = perCall<'api'>(
    <K extends CallName>(name: K) =>
      async (req: CallRequest<K>) =>
        unwrapEnvelope(name, await transport.call(name, req ?? {})),
  );
  transport.listen((event) => {
    if (!isTransportEvent(event)) fanout.emit(event);
  });
  return {
    api,
    backupFiles,
    exportFiles,
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
  );
}
