/**
 * Preload of the Link window: one function, report(result), which main accepts once, from this
 * window's Link page only, for its own Link session. It imports no zod: main validates.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { LINK_BRIDGE_KEY, LINK_RESULT_CHANNEL, type CofferLinkBridge } from '../shared/bridge';

const bridge: CofferLinkBridge = {
  report: (result) => ipcRenderer.invoke(LINK_RESULT_CHANNEL, result),
};

contextBridge.exposeInMainWorld(LINK_BRIDGE_KEY, bridge);
