/**
 * Preload of the main window (sandboxed, bundled into one CommonJS file). It exposes exactly
 * one function per contract call plus the event subscription: no generic invoke or send, and
 * listeners never see the IPC event object.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { callNames } from '../shared/api';
import { BRIDGE_KEY, type BridgeEvent } from '../shared/bridge';
import { EVENT_CHANNEL } from '../shared/events';

const api: Record<string, unknown> = {};
for (const name of callNames) {
  api[name] = (req: unknown) => ipcRenderer.invoke(name, req);
}

api.onEvent = (listener: (event: BridgeEvent) => void): (() => void) => {
  if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
  const forward = (_event: unknown, message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const { name, payload } = message as BridgeEvent;
    listener({ name, payload });
  };
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  };
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, api);
