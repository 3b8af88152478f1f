/**
 * The user's own assets and liabilities (a house, a car, a private loan) with the values they
 * enter, each dated: a value holds from its date until the next one.
 */
import { randomUUID } from 'node:crypto';
import type { Ledger } from '../ledger/ledger';
import { nowIso } from '../ledger/statements';
import { AppError } from '../errors';

export type ManualKind = 'asset' | 'liability';

export interface ManualAsset {
  id: string;
  name: string;
  kind: ManualKind;
  currency: string;
  values: { date: string; valueMinor: number }[];
}

export function listManualAssets(ledger: Ledger): ManualAsset[] {
  const assets = ledger.db
    .prepare(`SELECT asset_id, name, kind, currency FROM manual_assets ORDER BY name, asset_id`)
    .all() as { asset_id: string; name: string; kind: ManualKind; currency: string }[];
  const values = ledger.db
    .prepare(`SELECT asset_id, date, value_minor FROM manual_asset_values ORDER BY asset_id, date`)
    .all() as { asset_id: string; date: string; value_minor: number }[];
  return assets.map((a) => ({
    id: a.asset_id,
    name: a.name,
    kind: a.kind,
    currency: a.currency,
    values: values
      .filter((v) => v.asset_id === a.asset_id)
      .map((v) => ({ date: v.date, valueMinor: v.value_minor })),
  }));
}

export function createManualAsset(
  ledger: Ledger,
  input: { name: string; kind: ManualKind; currency: string; date: string; valueMinor: number },
): string {
  const id = `manual-${randomUUID()}`;
  ledger.write(() => {
    ledger.db
      .prepare(
        `INSERT INTO manual_assets (asset_id, name, kind, currency, created_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(id, input.name, input.kind, input.currency, nowIso());
    setValue(ledger, id, input.date, input.valueMinor);
  });
  return id;
}

/** A value on a date replaces the one entered for that same date. */
export function setManualValue(ledger: Ledger, assetId: string, date: string, valueMinor: number): void {
  ledger.write(() => {
    requireAsset(ledger, assetId);
    setValue(ledger, assetId, date, valueMinor);
  });
}

export function removeManualAsset(ledger: Ledger, assetId: string): void {
  ledger.write(() => {
    requireAsset(ledger, assetId);
    ledger.db.prepare(`DELETE FROM manual_assets WHERE asset_id = ?`).run(assetId);
  });
}

function requireAsset(ledger: Ledger, assetId: string): void {
  const found = ledger.db.prepare(`SELECT 1 FROM manual_assets WHERE asset_id = ?`).get(assetId);
  if (!found) throw new AppError('NOT_FOUND', `No manual asset or liability with id ${assetId}.`);
}

function setValue(ledger: Ledger, assetId: string, date: string, valueMinor: number): void {
  ledger.db
    .prepare(
      `INSERT INTO manual_asset_values (asset_id, date, value_minor) VALUES (?, ?, ?)
       ON CONFLICT (asset_id, date) DO UPDATE SET value_minor = excluded.value_minor`,
    )
    .run(assetId, date, valueMinor);
}

/** The value that holds on `date`: the latest entered on or before it, or null before the first. */
export function valueOn(asset: ManualAsset, date: string): number | null {
  let value: number | null = null;
  for (const v of asset.values) {
    if (v.date > date) break;
    value = v.valueMinor;
  }
  return value;
}
