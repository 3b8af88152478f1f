import { describe, expect, it } from 'vitest';
import type { CofferApi } from '../../../shared/api';
import type { EventListener } from '../../../shared/events';
import { CofferApiError } from '../../api/errors';
import { suggestedExportPath } from './export-path';
import { createExportStore, type ExportRequestInput } from './export-store';

function harness(write: (req: ExportRequestInput, emit: EventListener) => Promise<unknown>) {
  const listeners = new Set<EventListener>();
  const emit: EventListener = (name, payload) => listeners.forEach((l) => l(name, payload));
  const api = { 'exports.write': (req: ExportRequestInput) => write(req, emit) } as unknown as CofferApi;
  const store = createExportStore(
    api,
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => new Date('2026-03-01T12:00:00Z'),
  );
  return { store, emit };
}

const request: ExportRequestInput = {
  kind: 'transactions',
  year: 2025,
  path: '/tmp/x.csv',
  bom: false,
  overwrite: false,
};

describe('export store', () => {
  it('starts from last year, shows progress from the events while its export runs, then the result', async () => {
    const seen: (number | undefined)[] = [];
    const { store, emit } = harness(async (req, send) => {
      send('export.progress', { path: req.path, rows: 2000, total: 5000 });
      seen.push(store.getState().progress?.rows);
      return { path: req.path, kind: req.kind, rows: 5000, bytes: 123456 };
    });
    expect(store.getState().preset).toEqual({ kind: 'transactions', year: 2025 });
    emit('export.progress', { path: '/other', rows: 1, total: 2 });
    expect(store.getState().progress).toBeNull();
    expect(await store.getState().run(request)).toBe(true);
    expect(seen).toEqual([2000]);
    expect(store.getState()).toMatchObject({
      running: false,
      progress: { rows: 5000, total: 5000 },
      last: { path: '/tmp/x.csv', rows: 5000 },
      error: null,
    });
  });

  it("keeps the refusal's code and sentence for the form", async () => {
    const { store } = harness(async () => {
      throw new CofferApiError({ code: 'EXPORT_EXISTS', message: '/tmp/x.csv already exists.', plaid: null });
    });
    expect(await store.getState().run(request)).toBe(false);
    expect(store.getState().error).toEqual({ code: 'EXPORT_EXISTS', text: '/tmp/x.csv already exists.' });
    expect(store.getState().last).toBeNull();
  });

  it('suggests a file named after the kind and period, in the folder given', () => {
    expect(suggestedExportPath('/home/a/.coffer/', 'hledger', '2025')).toBe(
      '/home/a/.coffer/coffer-hledger-2025.journal',
    );
    expect(suggestedExportPath('C:\\Users\\a', 'transactions', '2025')).toBe(
      'C:\\Users\\a\\coffer-transactions-2025.csv',
    );
  });
});
