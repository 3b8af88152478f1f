/**
 * A stand-in Core for the host's transport tests: the host's own checks (token, Host, Origin,
 * sizes, framing) do not depend on what the services do. The real core is exercised by
 * host-over-core.test.ts and the end-to-end test.
 */
import type { AppInfo } from '../../src/shared/api';
import type { EventListener, EventName, EventPayload } from '../../src/shared/events';
import type { LinkPageResult } from '../../src/shared/link';
import type { ApiHandlers, Core, LinkPresenter, LinkSession } from '../../src/main/services/core-types';
import type { FilePicker } from '../../src/main/services/security/handlers';
import { stubHandlers } from '../support/stub-handlers';

const info: AppInfo = {
  version: '0.0.0-test',
  environment: 'demo',
  dataDir: '/nowhere',
  keychain: { available: false, message: null },
  notices: [],
};

export interface FakeCore extends Core {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  present(session: LinkSession, signal?: AbortSignal): Promise<LinkPageResult>;
  /** The FilePicker the host installed. */
  picker(): FilePicker;
}

function notInFake(): never {
  throw new Error('not in the fake');
}

export function fakeCore(): FakeCore {
  const listeners = new Set<EventListener>();
  let presenter: LinkPresenter | null = null;
  let picker: FilePicker | null = null;
  const handlers: ApiHandlers = {
    ...stubHandlers(),
    'app.info': async () => info,
    'items.list': async () => ({ items: [] }),
    'accounts.list': async () => ({ accounts: [] }),
    'transactions.list': async (req) => ({ transactions: [], next: null, total: req.limit }),
    'sync.run': async () => ({ results: [] }),
    'link.open': async () => ({ status: 'exited', error: null }),
  };
  return {
    handlers,
    info: () => info,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setLinkPresenter(p) {
      presenter = p;
    },
    setFilePicker(p) {
      picker = p;
    },
    backups: { createAt: notInFake, restoreFrom: notInFake, snapshot: notInFake, uploadPath: notInFake },
    exports: { prepare: notInFake, writeAt: notInFake },
    async linkSandboxItem() {
      throw new Error('not in the fake');
    },
    async close() {},
    emit(name, payload) {
      for (const l of listeners) l(name, payload);
    },
    picker() {
      if (!picker) throw new Error('the host did not install a file picker');
      return picker;
    },
    present(session, signal = new AbortController().signal) {
      if (!presenter) throw new Error('the host did not install a Link presenter');
      return presenter(session, signal);
    },
  };
}
