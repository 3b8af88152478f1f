/**
 * The seam between the Electron-free core and its two hosts (Electron main, browser host).
 * Hosts get handlers keyed by the contract's call names, an event stream, and plug in how
 * Plaid Link is presented (a BrowserWindow, or an overlay in the browser tab).
 */
import type { AppInfo, CallHandlers, LinkOutcome, PlaidEnvironment } from '../../shared/api';
import type { EventListener } from '../../shared/events';
import type { LinkPageResult } from '../../shared/link';
import type { ItemLifecycle } from './items/lifecycle';
import type { ExportRequest } from '../../shared/contract/exports';
import type { PreparedExport } from './exports/prepared';
import type { BackupFiles, FilePicker } from './security/file-picker';
import type { AssetReports } from './assets/service';
import type { SyncHooks } from './ingest/transactions/sync';
import type { WebhookTestingOptions } from './webhooks/service';

export type ApiHandlers = CallHandlers;

export interface LinkSession {
  /** Random, unguessable, single use: the Link page's only credential for reporting its result. */
  sessionId: string;
  linkToken: string;
  /** link-initialize.js: Plaid's CDN, or the simulator's stand-in in demo mode. */
  scriptUrl: string;
  /** Origins Link needs in its CSP (script-src, frame-src, connect-src). */
  linkOrigins: string[];
}

/** Shows Link to the user and resolves with what the Link page reported (or an exit when the user closed it). */
export type LinkPresenter = (session: LinkSession, signal: AbortSignal) => Promise<LinkPageResult>;

export interface CoreOptions {
  dataDir: string;
  environment: PlaidEnvironment;
  /** Aim the Plaid SDK at this base URL (a running simulator) instead of Plaid or the embedded simulator. */
  plaidUrl?: string | null;
  /** Plaid API keys; sandbox/production fall back to the keychain; demo falls back to the simulator's demo keys. */
  credentials?: { clientId: string; secret: string } | null;
  /**
   * Only the ledger is read (a CLI listing): no Plaid keys are looked up, no embedded simulator is
   * started (a call that would reach Plaid finds none: READ_ONLY_ENDPOINT).
   */
  readOnly?: boolean;
  /** Shows a folder in the system's file manager (Electron's shell.openPath); absent: the window shows the path. */
  openFolder?: (dir: string) => Promise<void>;
  /** Where the core is running, for messages (e.g. 'browser host', 'electron', 'cli'). */
  host: 'electron' | 'browser-host' | 'cli' | 'test';
  /** Test seams only; hosts never set these. */
  testing?: CoreTestingOptions;
}

export interface CoreTestingOptions {
  /** `/transactions/sync` count (default 500); small pages let tests act between pages. */
  syncPageSize?: number;
  syncHooks?: SyncHooks;
  /** Backoff sleep of transient retries. */
  sleep?: (ms: number) => Promise<void>;
  /** How long a second writer waits for the writer lock (default 3000 ms). */
  writerWaitMs?: number;
  plaidTimeoutMs?: number;
  /** Webhooks (relay poller, embedded relay, periodic sync): on for the 'test' host only when asked. */
  webhooks?: WebhookTestingOptions;
  /** The clock of the error policy and the Item lifecycle (backoff deadlines, breakers, "7 days in error"). */
  now?: () => number;
  /** Per-institution circuit breaker: consecutive faults that open it, and how long it stays open. */
  breaker?: { threshold?: number; cooldownMs?: number };
  /** Notifications' state sources evaluated (at start, on changes, on a timer): on for the 'test' host only when asked. */
  notifications?: boolean;
  /** Hands tests the Item lifecycle, to apply ITEM webhooks without a relay. */
  onLifecycle?: (lifecycle: ItemLifecycle) => void;
}

export interface ExportFiles {
  /** Checks there is something to export (NOTHING_TO_EXPORT otherwise) and readies it; writes nothing. */
  prepare(req: ExportRequest, onProgress?: (rows: number, total: number) => void): PreparedExport;
  /** Writes it to a path the user typed (the CLI); the path rules of exports/atomic-file.ts apply. */
  writeAt(
    prepared: PreparedExport,
    target: string,
    overwrite: boolean,
  ): Promise<{ path: string; rows: number; bytes: number }>;
}

export interface Core {
  readonly handlers: ApiHandlers;
  info(): AppInfo;
  onEvent(listener: EventListener): () => void;
  setLinkPresenter(presenter: LinkPresenter): void;
  /** How the host lets the user choose files (Electron: native dialogs; browser host: downloads, uploads). */
  setFilePicker(picker: FilePicker): void;
  /** Backups by path: the CLI's arguments, the browser host's download and upload. */
  readonly backups: BackupFiles;
  /** Exports outside the window's calls: to the CLI's path, or streamed as the browser host's download. */
  readonly exports: ExportFiles;
  /** Asset Reports by path and by wait: the CLI's `asset-report`, the browser host's PDF download. */
  readonly assetReports?: AssetReports;
  /**
   * Demo and sandbox only: create an Item without the Link UI (`/sandbox/public_token/create`),
   * exchange it once, keep the token in the keychain and run the first sync. Used by `coffer link`.
   */
  linkSandboxItem(
    institutionId: string,
    products?: readonly string[],
  ): Promise<Extract<LinkOutcome, { status: 'linked' | 'exited' }>>;
  close(): Promise<void>;
}
