import type { WebPreferences } from 'electron';

/**
 * The one factory for webPreferences: every BrowserWindow (main, Link, Link's OAuth pop-up) goes
 * through it, so no window can be created with Node, without the sandbox or without isolation.
 */
export function securePrefs(
  options: { preload?: string; partition?: string; devTools?: boolean } = {},
): WebPreferences {
  return {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools ?? false,
    ...(options.preload ? { preload: options.preload } : {}),
    ...(options.partition ? { partition: options.partition } : {}),
  };
}
