import type { CallName } from '../../shared/api';
import { BRIDGE_KEY, type CofferBridge, type UncheckedBridge } from '../../shared/bridge';
import { EventMessage } from '../../shared/events';
import { CofferApiError } from './errors';
import { parseEvent } from './event-message';
import type { Transport } from './transport';

/** `window.coffer` when src/preload put it there (it is what the preload built, or nothing). */
export function findPreloadBridge(scope: object): CofferBridge | null {
  const candidate: unknown = Reflect.get(scope, BRIDGE_KEY);
  if (typeof candidate !== 'object' || candidate === null) return null;
  return typeof Reflect.get(candidate, 'onEvent') === 'function' ? (candidate as CofferBridge) : null;
}

export function ipcTransport(bridge: UncheckedBridge): Transport {
  let unsubscribe: unknown = null;
  return {
    async call(name: CallName, req: unknown) {
      const fn = bridge[name];
      if (typeof fn !== 'function') {
        throw new CofferApiError({
          code: 'TRANSPORT',
          message: `The preload does not expose ${name}.`,
          plaid: null,
        });
      }
      try {
        return await (fn as (req: unknown) => Promise<unknown>)(req);
      } catch (error) {
        // ipcRenderer.invoke rejects only when main refused the message itself (sender or channel).
        const message = error instanceof Error ? error.message : String(error);
        throw new CofferApiError({ code: 'TRANSPORT', message, plaid: null });
      }
    },
    listen(emit) {
      unsubscribe = bridge.onEvent((message: unknown) => {
        const envelope = EventMessage.safeParse(message);
        if (!envelope.success) return;
        const event = parseEvent(envelope.data.name, envelope.data.payload);
        if (event) emit(event);
      });
    },
    close() {
      if (typeof unsubscribe === 'function') (unsubscribe as () => void)();
    },
  };
}
