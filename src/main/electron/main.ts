/**
 * Electron's entry (built to out/main/index.js): the composition root joining the Electron
 * shell to the Electron-free core.
 */
import { openCore } from '../services/core';
import { defaultDataDir } from '../services/paths';
import { startElectronApp } from './app';

startElectronApp({ openCore, defaultDataDir });
