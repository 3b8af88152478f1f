import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coalesceKey, summarize } from '../../relay/hints';
import { RelayStore, type IngestRecord } from '../../relay/store';
import { sha256Hex } from '../../relay/verify';
import { plaidBody } from './support';

const open: RelayStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function store(limits: Partial<{ maxQueue: number; retentionMs: number; jwtMemoryMs: number }> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-relay-store-'));
  const s = new RelayStore(path.join(dir, 'relay.sqlite'), {
    maxQueue: 1000,
    retentionMs: 14 * 86400_000,
    jwtMemoryMs: 3600_000,
    ...limits,
  });
  open.push(s);
  return { s, file: path.join(dir, 'relay.sqlite') };
}

let n = 0;
function record(deviceId: string, fields: Record<string, unknown>, at = Date.now()): IngestRecord {
  const body = plaidBody(fields);
  return {
    deviceId,
    jwt: `jwt-${n++}`,
    body,
    bodySha256: sha256Hex(body),
    receivedAt: at,
    coalesceKey: coalesceKey(summarize(body)),
  };
}

const hint = (item: string) => ({
  webhook_type: 'TRANSACTIONS',
  webhook_code: 'SYNC_UPDATES_AVAILABLE',
  item_id: item,
});
const itemError = (item: string, code: string) => ({
  webhook_type: 'ITEM',
  webhook_code: 'ERROR',
  item_id: item,
  error: { error_code: code },
});

describe('relay store', () => {
  it('keeps only a hash of device secrets and checks them', () => {
    const { s, file } = store();
    const device = s.addDevice();
    expect(s.authenticate(device.deviceId, device.secret)).toBe(true);
    expect(s.authenticate(device.deviceId, `${device.secret}x`)).toBe(false);
    expect(s.authenticate('nope', device.secret)).toBe(false);
    s.close();
    const bytes = Buffer.concat(
      [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)),
    );
    expect(bytes.includes(Buffer.from(device.secret))).toBe(false);
  });

  it('drops the same JWT again, and never delivers it twice', () => {
    const { s } = store();
    const { deviceId } = s.addDevice();
    const r = record(deviceId, itemError('i1', 'ITEM_LOGIN_REQUIRED'));
    expect(s.ingestMany([r, r])).toEqual(['stored', 'duplicate']);
    expect(s.ingestMany([r])).toEqual(['duplicate']);
    expect(s.events(deviceId, 0, 100).map((e) => e.seq)).toEqual([1]);
  });

  it('collapses an identical body while it waits, but keeps it once the device has been handed the first', () => {
    const { s } = store();
    const { deviceId } = s.addDevice();
    const fields = itemError('i1', 'ITEM_LOGIN_REQUIRED');
    expect(s.ingestMany([record(deviceId, fields), record(deviceId, fields)])).toEqual([
      'stored',
      'collapsed',
    ]);
    expect(s.events(deviceId, 0, 100)).toHaveLength(1);
    // Handed out but not acknowledged: the device may already be acting on it, so a repeat is news.
    expect(s.ingestMany([record(deviceId, fields)])).toEqual(['stored']);
    s.ack(deviceId, 2);
    // Bodies are not unique forever: the same bytes after an ack are a new event.
    expect(s.ingestMany([record(deviceId, fields)])).toEqual(['stored']);
    expect(s.events(deviceId, 2, 100).map((e) => e.seq)).toEqual([3]);
  });

  it('keeps one waiting sync hint per Item, and ITEM errors one by one', () => {
    const { s } = store();
    const { deviceId } = s.addDevice();
    const outcomes = s.ingestMany([
      record(deviceId, { ...hint('a'), initial_update_complete: false }),
      record(deviceId, { ...hint('a'), initial_update_complete: true }),
      record(deviceId, hint('b')),
      record(deviceId, itemError('a', 'ITEM_LOGIN_REQUIRED')),
      record(deviceId, itemError('a', 'INSTITUTION_DOWN')),
    ]);
    expect(outcomes).toEqual(['stored', 'coalesced', 'stored', 'stored', 'stored']);
    const bodies = s.events(deviceId, 0, 100).map((e) => JSON.parse(e.body!.toString()));
    expect(bodies.map((b) => `${b.item_id}:${b.webhook_type}`)).toEqual([
      'a:TRANSACTIONS',
      'b:TRANSACTIONS',
      'a:ITEM',
      'a:ITEM',
    ]);
    expect(bodies[0].initial_update_complete).toBe(true);
  });

  it('leaves one resync marker when the queue overflows, then queues normally again', () => {
    const { s } = store({ maxQueue: 5 });
    const { deviceId } = s.addDevice();
    const other = s.addDevice();
    const outcomes = s.ingestMany(
      Array.from({ length: 6 }, (_, i) => record(deviceId, itemError(`i${i}`, 'ITEM_LOGIN_REQUIRED'))),
    );
    expect(outcomes).toEqual(['stored', 'stored', 'stored', 'stored', 'stored', 'resync']);
    expect(s.ingestMany([record(deviceId, hint('z')), record(other.deviceId, hint('z'))])).toEqual([
      'stored',
      'stored',
    ]);
    const events = s.events(deviceId, 0, 100);
    expect(events.map((e) => e.kind)).toEqual(['resync', 'webhook']);
    expect(s.events(other.deviceId, 0, 100)).toHaveLength(1);
  });

  it('acks cumulatively, refuses acks beyond what exists, and isolates devices', () => {
    const { s } = store();
    const a = s.addDevice();
    const b = s.addDevice();
    s.ingestMany([1, 2, 3].map((i) => record(a.deviceId, itemError(`i${i}`, 'X'))));
    s.ingestMany([record(b.deviceId, itemError('b', 'X'))]);
    expect(s.ack(a.deviceId, 9)).toEqual({ ok: false, reason: 'beyond' });
    expect(s.ack(a.deviceId, 2)).toEqual({ ok: true, acked: 2 });
    expect(s.ack(a.deviceId, 1)).toEqual({ ok: true, acked: 2 });
    expect(s.events(a.deviceId, 0, 100).map((e) => e.seq)).toEqual([3]);
    expect(s.events(b.deviceId, 0, 100).map((e) => e.seq)).toEqual([1]);
  });

  it('turns unacknowledged events past the retention into a resync marker and forgets old JWTs', () => {
    const { s } = store({ retentionMs: 1000, jwtMemoryMs: 500 });
    const { deviceId } = s.addDevice();
    const old = record(deviceId, itemError('old', 'X'), 1_000);
    s.ingestMany([old, record(deviceId, itemError('new', 'X'), 5_000)]);
    expect(s.prune(5_500)).toEqual({ jwtsForgotten: 1, expiredEvents: 1 });
    const events = s.events(deviceId, 0, 100);
    expect(events.map((e) => e.kind)).toEqual(['webhook', 'resync']);
    expect(JSON.parse(events[0].body!.toString()).item_id).toBe('new');
  });

  it('survives reopening: what was committed is there', () => {
    const { s, file } = store();
    const { deviceId } = s.addDevice();
    s.ingestMany([record(deviceId, hint('a'))]);
    s.close();
    const again = new RelayStore(file);
    open.push(again);
    expect(again.events(deviceId, 0, 10)).toHaveLength(1);
  });
});
