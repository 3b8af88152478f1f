/**
 * Preload of the main window (sandboxed, bundled into one CommonJS file). It exposes exactly
 * one function per contract call plus the event subscription: no generic invoke or send, and
 * listeners never see the IPC event object.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { perCall, type CallName, type CallRequest } from '../shared/api';
import { BRIDGE_KEY, type BridgeEvent, type CofferBridge } from '../shared/bridge';
import { EVENT_CHANNEL } from '../shared/events';

const bridge = {
  // Main's IPC handler for each call answers with that call's envelope (src/main/electron/ipc.ts).
  ...perCall<'bridge'>(
    <K extends CallName>(name: K) =>
      (req: CallRequest<K>) =>
        ipcRenderer.invoke(name, req),
  ),
  onEvent(listener: (event: BridgeEvent) => void): () => void {
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
  },
} satisfies CofferBridge;

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
