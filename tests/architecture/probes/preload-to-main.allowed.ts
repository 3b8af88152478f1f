// Linted as src/preload/probe.ts: the sandboxed preload knows only the contract and electron.
import { contextBridge } from 'electron';

export const probe = contextBridge;
