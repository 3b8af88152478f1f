/**
 * Hardening applied to every webContents and session as Electron creates them
 * (`web-contents-created`, `session-created`), so windows made later (Link, its OAuth pop-up)
 * inherit it without anyone remembering to.
 */
import type { Session, WebContents } from 'electron';
import {
  isAllowedNavigation,
  isAllowedPopupNavigation,
  permissionDecision,
  safeOpenExternal,
  type WindowKind,
} from './security';

const kinds = new WeakMap<WebContents, WindowKind>();

/** Windows are 'app' unless marked otherwise right after creation. */
export function setWindowKind(contents: WebContents, kind: WindowKind): void {
  kinds.set(contents, kind);
}

export function windowKind(contents: WebContents): WindowKind {
  return kinds.get(contents) ?? 'app';
}

export function navigationAllowed(kind: WindowKind, url: string, appOrigins: readonly string[]): boolean {
  return kind === 'oauth-popup' ? isAllowedPopupNavigation(url) : isAllowedNavigation(url, appOrigins);
}

export function hardenWebContents(
  contents: WebContents,
  appOrigins: readonly string[],
  openExternal?: (url: string) => Promise<void>,
): void {
  // No window opens in the app; an https link the app itself opens goes to the system browser.
  // The Link window installs its own handler that lets the OAuth pop-up through.
  contents.setWindowOpenHandler(({ url }) => {
    if (openExternal && windowKind(contents) === 'app') safeOpenExternal(url, openExternal);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url, _inPlace, isMainFrame) => {
    if (isMainFrame !== false && !navigationAllowed(windowKind(contents), event.url ?? url, appOrigins)) {
      event.preventDefault();
    }
  });
  contents.on('will-redirect', (event, url, _inPlace, isMainFrame) => {
    if (isMainFrame !== false && !navigationAllowed(windowKind(contents), event.url ?? url, appOrigins)) {
      event.preventDefault();
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(permissionDecision()));
  ses.setPermissionCheckHandler(() => permissionDecision());
  ses.setDevicePermissionHandler(() => permissionDecision());
}
