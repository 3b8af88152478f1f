/**
 * The incremental-sync benchmark (bench/sync-scale.ts) at a tiny size, so it cannot rot: a ledger
 * synced from a `coffer sim` process, a day's changes made from its rows and applied by the app's
 * sync and worker to it and to an empty ledger. Figures are not checked (timed tests lie on a
 * shared machine); that every figure was taken, and that the day was applied, are.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { benchDir } from '../../bench/transactions';
import { formatDisk } from '../../bench/ledger-disk';
import { benchSyncScale, formatSyncScale } from '../../bench/sync-scale';

const dir = benchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('incremental sync benchmark (smoke size)', () => {
  it(
    'applies a day of added, modified and removed rows to a ledger and to an empty one, and says where the bytes go',
    { timeout: 180_000 },
    async () => {
      const f = await benchSyncScale({
        dir,
        rows: 3000,
        sizes: { added: 300, modified: 200, removed: 100 },
        disk: true,
      });
      expect(f.ledgerRows).toBeGreaterThan(2000);
      expect(f.changes).toMatchObject({ added: 300, modified: 200, removed: 100 });
      expect(f.changes.pages).toBeGreaterThan(1);
      // Every change landed: new rows in, removed rows out; on the empty ledger, added and modified are new rows.
      expect(f.rowsAfter.full).toBe(f.ledgerRows + 300 - 100);
      expect(f.rowsAfter.empty).toBe(300 + 200);
      for (const phases of [f.full, f.empty])
        for (const v of Object.values(phases)) expect(Number.isFinite(v) && v >= 0).toBe(true);
      expect(f.full.totalMs).toBeGreaterThan(0);
      expect(formatSyncScale(f).join('\n')).toMatch(/target ≤ 1000 ms/);
      // Where the bytes go: every part measured, and they add up to the file.
      const disk = f.disk!;
      expect(disk.rows).toBe(f.rowsAfter.full);
      const parts = new Map(disk.parts.map((p) => [p.part, p.bytes]));
      for (const part of [
        'transactions table (columns + raw_json)',
        'primary key (transaction_id)',
        'full-text index (FTS5)',
        'aggregates',
      ])
        expect(parts.get(part)).toBeGreaterThan(0);
      expect(disk.objects.some((o) => o.name === 'transactions_newest' && o.bytes > 0)).toBe(true);
      expect(disk.rawJsonBytes).toBeGreaterThan(0);
      expect(disk.parts.reduce((sum, p) => sum + p.bytes, 0) + disk.freeBytes).toBe(disk.fileBytes);
      expect(f.plaidJson!.bytesPerRow).toBeGreaterThan(300);
      expect(formatDisk(disk, f.plaidJson).join('\n')).toMatch(/bytes a transaction/);
    },
  );
});
