/**
 * Electron's entry (built to out/main/index.js): the composition root joining the Electron
 * shell to the Electron-free core.
 */
import { openCore } from '../services/core';
import { defaultDataDir } from '../services/paths';
import { openAppCore } from '../services/setup/app-core';
import { startElectronApp } from './app';

// The window may switch environments; without PLAID_ENV it opens on the one chosen last.
startElectronApp({
  openCore: (options) =>
    openAppCore({ ...options, environment: process.env.PLAID_ENV ? options.environment : null }, openCore),
  defaultDataDir,
});
