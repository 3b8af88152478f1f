/**
 * The Electron LinkPresenter: Plaid Link runs in its own sandboxed window, in its own session
 * (partition 'link'), on a local page whose CSP allows exactly the origins of this Link session.
 * The page reports once, over a sender-checked IPC channel; closing the window is an exit.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type IpcMainInvokeEvent } from 'electron';
import { LINK_RESULT_CHANNEL } from '../../shared/bridge';
import { LinkPageResult, type LinkPageParams } from '../../shared/link';
import type { LinkPresenter, LinkSession } from '../services/core-types';
import { LINK_PAGE, type LinkOriginRegistry } from './app-protocol';
import { setWindowKind } from './hardening';
import { handleChecked, type IpcMainLike } from './ipc';
import { senderRejection, windowOpenDecision } from './security';
import { securePrefs } from './window-prefs';

export const LINK_PARTITION = 'link';

export interface LinkWindowOptions {
  ipcMain: IpcMainLike;
  parentWindow: () => BrowserWindow | null;
  /** Built src/preload/link.ts. */
  preloadPath: string;
  /** Base URL the renderer is served from: app://coffer/ or the dev server. */
  rendererBase: string;
  appOrigins: readonly string[];
  registry: LinkOriginRegistry;
  devTools?: boolean;
}

/** What the page reports when the user closes the window (or main gives up) before Link finishes. */
const CLOSED: LinkPageResult = { kind: 'exit', error: null, metadata: { status: null } };

interface Pending {
  sessionId: string;
  settle(result: LinkPageResult): void;
}

export function linkPageUrl(rendererBase: string, params: LinkPageParams): string {
  const url = new URL(LINK_PAGE, rendererBase);
  url.searchParams.set('session', params.session);
  url.searchParams.set('token', params.token);
  url.searchParams.set('script', params.script);
  return url.toString();
}

/** Why this sender may not report for the pending Link session, or null when it may. */
export function linkSenderRejection(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  pending: Pending | undefined,
  appOrigins: readonly string[],
): string | null {
  if (!pending) return 'no Link window is waiting for this sender';
  const base = senderRejection(event.senderFrame, appOrigins);
  if (base !== null) return base;
  const url = new URL(event.senderFrame!.url);
  if (url.pathname !== `/${LINK_PAGE}`) return 'the sender is not the Link page';
  if (url.searchParams.get('session') !== pending.sessionId)
    return 'the sender belongs to another Link session';
  return null;
}

/** OAuth banks: Link's iframe opens one https pop-up that must keep its opener; it gets no preload. */
function oauthPopupOptions(): BrowserWindowConstructorOptions {
  return {
    width: 520,
    height: 720,
    autoHideMenuBar: true,
    webPreferences: securePrefs({ partition: LINK_PARTITION }),
  };
}

export function createLinkPresenter(options: LinkWindowOptions): LinkPresenter {
  const pendingBySender = new Map<number, Pending>();

  handleChecked(
    options.ipcMain,
    LINK_RESULT_CHANNEL,
    (event) => linkSenderRejection(event, pendingBySender.get(event.sender.id), options.appOrigins),
    async (payload, event) => {
      const parsed = LinkPageResult.safeParse(payload);
      if (!parsed.success) {
        const detail = parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
          .join('; ');
        return {
          ok: false,
          error: { code: 'INVALID_REQUEST', message: `Invalid Link result: ${detail}`, plaid: null },
        };
      }
      pendingBySender.get(event.sender.id)?.settle(parsed.data);
      return { ok: true, result: null };
    },
  );

  return (session: LinkSession, signal: AbortSignal) =>
    new Promise<LinkPageResult>((resolve) => {
      if (signal.aborted) return resolve(CLOSED);
      const unregister = options.registry.add(session.sessionId, session.linkOrigins);
      const parent = options.parentWindow();
      const win = new BrowserWindow({
        ...(parent ? { parent, modal: true } : {}),
        width: 460,
        height: 720,
        minWidth: 360,
        minHeight: 560,
        show: false,
        title: 'Link a bank account',
        autoHideMenuBar: true,
        webPreferences: securePrefs({
          preload: options.preloadPath,
          partition: LINK_PARTITION,
          devTools: options.devTools ?? false,
        }),
      });
      const contents = win.webContents;
      const senderId = contents.id;
      setWindowKind(contents, 'link');

      let settled = false;
      const settle = (result: LinkPageResult) => {
        if (settled) return;
        settled = true;
        pendingBySender.delete(senderId);
        unregister();
        signal.removeEventListener('abort', onAbort);
        resolve(result);
        if (!win.isDestroyed()) win.close();
      };
      const onAbort = () => settle(CLOSED);
      pendingBySender.set(senderId, { sessionId: session.sessionId, settle });
      signal.addEventListener('abort', onAbort, { once: true });
      win.on('closed', () => settle(CLOSED));

      contents.setWindowOpenHandler(({ url }) => {
        if (windowOpenDecision(url, 'link') === 'deny') return { action: 'deny' };
        return {
          action: 'allow',
          overrideBrowserWindowOptions: oauthPopupOptions(),
          createWindow: (popupOptions) => {
            // Child windows inherit the opener's webPreferences, preload included: drop it, re-apply ours.
            const { preload: _inherited, ...inherited } = popupOptions.webPreferences ?? {};
            const popup = new BrowserWindow({
              ...popupOptions,
              webPreferences: { ...inherited, ...securePrefs({ partition: LINK_PARTITION }) },
            });
            setWindowKind(popup.webContents, 'oauth-popup');
            return popup.webContents;
          },
        };
      });
      win.once('ready-to-show', () => win.show());
      void win
        .loadURL(
          linkPageUrl(options.rendererBase, {
            session: session.sessionId,
            token: session.linkToken,
            script: session.scriptUrl,
          }),
        )
        .catch(() => {
          // A page that failed to load shows nothing useful: treat it as the user leaving Link.
          settle(CLOSED);
        });
    });
}
