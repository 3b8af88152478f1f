import { createStore } from 'zustand/vanilla';
import type { CofferApi, RelayStatus } from '../../../shared/api';
import { errorText } from '../../api/errors';

export interface RelayState {
  status: RelayStatus | null;
  saving: boolean;
  /** The last save's failure, shown beside the form (not in the global banner: it is about this form). */
  formError: string | null;
  load(): Promise<void>;
  save(webhookUrl: string | null, secret: string | null): Promise<boolean>;
}

export function createRelayStore(api: CofferApi) {
  return createStore<RelayState>()((set) => ({
    status: null,
    saving: false,
    formError: null,
    async load() {
      try {
        set({ status: await api['relay.get']({}) });
      } catch {
        // An older core without the relay calls: the panel stays hidden.
      }
    },
    async save(webhookUrl, secret) {
      set({ saving: true, formError: null });
      try {
        set({ status: await api['relay.set']({ webhookUrl, secret }), saving: false });
        return true;
      } catch (error) {
        set({ saving: false, formError: errorText(error) });
        return false;
      }
    },
  }));
}
export type RelayStore = ReturnType<typeof createRelayStore>;
