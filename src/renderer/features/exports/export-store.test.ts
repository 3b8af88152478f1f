import { describe, expect, it } from 'vitest';
import type { CofferApi } from '../../../shared/api';
import type { EventListener } from '../../../shared/events';
import { CofferApiError } from '../../api/errors';
import type { ExportDownload } from '../../api/export-files';
import { createExportStore, type ExportRequestInput } from './export-store';

function harness(
  write: (req: ExportRequestInput, emit: EventListener) => Promise<unknown>,
  download: ExportDownload | null = null,
) {
  const listeners = new Set<EventListener>();
  const emit: EventListener = (name, payload) => listeners.forEach((l) => l(name, payload));
  const api = { 'exports.write': (req: ExportRequestInput) => write(req, emit) } as unknown as CofferApi;
  const store = createExportStore(
    api,
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    download,
    () => new Date('2026-03-01T12:00:00Z'),
  );
  return { store, emit };
}

const request: ExportRequestInput = { kind: 'transactions', year: 2025, bom: false };

describe('export store', () => {
  it('starts from last year, shows progress from the events while its export runs, then the result', async () => {
    const seen: (number | undefined)[] = [];
    const { store, emit } = harness(async (req, send) => {
      send('export.progress', { name: 'x.csv', rows: 2000, total: 5000 });
      seen.push(store.getState().progress?.rows);
      return { status: 'saved', name: 'x.csv', kind: req.kind, rows: 5000, bytes: 123456 };
    });
    expect(store.getState().preset).toEqual({ kind: 'transactions', year: 2025 });
    emit('export.progress', { name: 'other.csv', rows: 1, total: 2 });
    expect(store.getState().progress).toBeNull();
    expect(await store.getState().run(request)).toBe(true);
    expect(seen).toEqual([2000]);
    expect(store.getState()).toMatchObject({
      running: false,
      download: false,
      progress: { rows: 5000, total: 5000 },
      last: { status: 'saved', name: 'x.csv', rows: 5000 },
      error: null,
    });
  });

  it('a cancelled save dialog is no error and no result', async () => {
    const { store } = harness(async () => ({ status: 'cancelled' }));
    expect(await store.getState().run(request)).toBe(false);
    expect(store.getState()).toMatchObject({ error: null, last: { status: 'cancelled' } });
  });

  it('in the browser host the export is a download, never a contract call', async () => {
    const { store, emit } = harness(
      async () => {
        throw new Error('exports.write must not be called in the browser host');
      },
      {
        download: async () => {
          emit('export.progress', { name: 'coffer-transactions-2025.csv', rows: 40, total: 40 });
          return { name: 'coffer-transactions-2025.csv', rows: 40 };
        },
      },
    );
    expect(await store.getState().run(request)).toBe(true);
    expect(store.getState().last).toEqual({
      status: 'downloaded',
      name: 'coffer-transactions-2025.csv',
      rows: 40,
    });
  });

  it("keeps the refusal's code and sentence for the form", async () => {
    const { store } = harness(async () => {
      throw new CofferApiError({
        code: 'NOTHING_TO_EXPORT',
        message: 'There are no transactions in 2019 for this choice.',
        plaid: null,
      });
    });
    expect(await store.getState().run(request)).toBe(false);
    expect(store.getState().error).toEqual({
      code: 'NOTHING_TO_EXPORT',
      text: 'There are no transactions in 2019 for this choice.',
    });
    expect(store.getState().last).toBeNull();
  });
});
