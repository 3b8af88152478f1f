/**
 * The relay's one SQLite file: devices (secrets stored as SHA-256 only), each device's queue of
 * events with strictly increasing sequence numbers, and the JWTs seen lately (a replay or a Plaid
 * retry of a webhook already stored is dropped). WAL with synchronous=FULL: a webhook is on disk
 * before its 200 goes out.
 *
 * Queue rules, per device (the "floor" is the highest seq acknowledged or handed out):
 * - the same JWT again → dropped;
 * - a body identical to an event above the floor → collapsed into it (bodies repeat byte for
 *   byte, e.g. SYNC_UPDATES_AVAILABLE, so bodies are never unique forever);
 * - a sync hint (see hints.ts) → replaces older hints for the same Item/type/code above the floor;
 * - a full queue, or events older than the retention → all waiting events give way to one
 *   `resync` marker, so the device learns it must sync everything instead of missing something.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sha256Hex } from './verify';

const MIGRATIONS = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE devices (
    device_id TEXT PRIMARY KEY,
    secret_sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0,
    acked_seq INTEGER NOT NULL DEFAULT 0,
    delivered_seq INTEGER NOT NULL DEFAULT 0,
    pending INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE events (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('webhook', 'resync')),
    received_at INTEGER NOT NULL,
    jwt TEXT,
    body BLOB,
    body_sha256 TEXT,
    coalesce_key TEXT,
    PRIMARY KEY (device_id, seq)
  ) STRICT;
  CREATE INDEX events_by_body ON events (device_id, body_sha256);
  CREATE INDEX events_by_hint ON events (device_id, coalesce_key) WHERE coalesce_key IS NOT NULL;
  CREATE INDEX events_by_age ON events (received_at);
  CREATE TABLE seen_jwts (
    device_id TEXT NOT NULL,
    jwt_sha256 TEXT NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, jwt_sha256)
  ) STRICT;
  CREATE INDEX seen_jwts_by_age ON seen_jwts (seen_at);
  `,
];

export const RELAY_DB_FILE = 'relay.sqlite';

export interface StoreLimits {
  /** Waiting events per device before the queue collapses into a resync marker. */
  maxQueue: number;
  /** Unacknowledged events older than this give way to a resync marker. */
  retentionMs: number;
  /** How long a JWT is remembered for replay detection; must exceed its 5-minute validity. */
  jwtMemoryMs: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  maxQueue: 1000,
  retentionMs: 14 * 24 * 3600_000,
  jwtMemoryMs: 3600_000,
};

export interface IngestRecord {
  deviceId: string;
  jwt: string;
  body: Uint8Array;
  bodySha256: string;
  receivedAt: number;
  coalesceKey: string | null;
}

export type IngestOutcome = 'stored' | 'duplicate' | 'collapsed' | 'coalesced' | 'resync' | 'unknown-device';

export interface StoredEvent {
  seq: number;
  kind: 'webhook' | 'resync';
  receivedAt: number;
  jwt: string | null;
  body: Buffer | null;
}

export interface NewDevice {
  deviceId: string;
  secret: string;
}

interface DeviceRow {
  last_seq: number;
  acked_seq: number;
  delivered_seq: number;
  pending: number;
}

export function newDeviceId(): string {
  // 128 bits: the id is in the webhook URL Plaid holds, so it only routes; the JWT authenticates.
  return randomBytes(16).toString('hex');
}

export function newDeviceSecret(): string {
  return `crs_${randomBytes(32).toString('base64url')}`;
}

/**
 * Embedded in the Electron main process (demo mode), the driver must be the Electron-ABI build that
 * `npm start` fetched; the one in node_modules is built for Node.
 */
function relayNativeBinding(): Database.Options {
  const file =
    process.versions.electron === undefined ? undefined : process.env.COFFER_ELECTRON_RELAY_SQLITE_BINDING;
  return file ? { nativeBinding: file } : {};
}

export class RelayStore {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(
    file: string,
    private readonly limits: StoreLimits = DEFAULT_STORE_LIMITS,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    this.db = new Database(file, relayNativeBinding());
    try {
      this.db.pragma('journal_mode = WAL');
      // FULL: the WAL is synced at each commit, so a 200 is never answered for a webhook a power cut loses.
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      // `coffer relay add-device` may write while the relay runs.
      this.db.pragma('busy_timeout = 5000');
      migrate(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    fs.chmodSync(file, 0o600);
    const db = this.db;
    this.stmts = {
      device: db.prepare(
        `SELECT last_seq, acked_seq, delivered_seq, pending FROM devices WHERE device_id = ?`,
      ),
      secret: db.prepare(`SELECT secret_sha256 FROM devices WHERE device_id = ?`).pluck(),
      exists: db.prepare(`SELECT 1 FROM devices WHERE device_id = ?`).pluck(),
      seeJwt: db.prepare(`INSERT OR IGNORE INTO seen_jwts (device_id, jwt_sha256, seen_at) VALUES (?, ?, ?)`),
      sameBody: db
        .prepare(`SELECT seq FROM events WHERE device_id = ? AND body_sha256 = ? AND seq > ? LIMIT 1`)
        .pluck(),
      dropHints: db.prepare(`DELETE FROM events WHERE device_id = ? AND coalesce_key = ? AND seq > ?`),
      dropWaiting: db.prepare(`DELETE FROM events WHERE device_id = ? AND seq > ?`),
      insert: db.prepare(
        `INSERT INTO events (device_id, seq, kind, received_at, jwt, body, body_sha256, coalesce_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      bump: db.prepare(`UPDATE devices SET last_seq = ?, pending = ? WHERE device_id = ?`),
      events: db.prepare(
        `SELECT seq, kind, received_at, jwt, body FROM events WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      delivered: db.prepare(`UPDATE devices SET delivered_seq = max(delivered_seq, ?) WHERE device_id = ?`),
      ackDelete: db.prepare(`DELETE FROM events WHERE device_id = ? AND seq <= ?`),
      ackSet: db.prepare(
        `UPDATE devices SET acked_seq = ?, pending = max(0, pending - ?) WHERE device_id = ?`,
      ),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  healthy(): boolean {
    try {
      return this.db.prepare('SELECT 1').pluck().get() === 1;
    } catch {
      return false;
    }
  }

  getMeta(key: string): string | null {
    const value = this.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key);
    return typeof value === 'string' ? value : null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run(key, value);
  }

  // Devices

  addDevice(now = Date.now()): NewDevice {
    const device = { deviceId: newDeviceId(), secret: newDeviceSecret() };
    this.db
      .prepare(`INSERT INTO devices (device_id, secret_sha256, created_at) VALUES (?, ?, ?)`)
      .run(device.deviceId, sha256Hex(device.secret), now);
    return device;
  }

  /** A new secret for an existing device (the old one stops working); null when there is no such device. */
  rotateSecret(deviceId: string): string | null {
    const secret = newDeviceSecret();
    const { changes } = this.db
      .prepare(`UPDATE devices SET secret_sha256 = ? WHERE device_id = ?`)
      .run(sha256Hex(secret), deviceId);
    return changes === 1 ? secret : null;
  }

  removeDevice(deviceId: string): boolean {
    const remove = this.db.transaction(() => {
      this.db.prepare(`DELETE FROM seen_jwts WHERE device_id = ?`).run(deviceId);
      return this.db.prepare(`DELETE FROM devices WHERE device_id = ?`).run(deviceId).changes === 1;
    });
    return remove.immediate();
  }

  listDevices(): {
    deviceId: string;
    createdAt: number;
    pending: number;
    lastSeq: number;
    ackedSeq: number;
  }[] {
    return (
      this.db
        .prepare(
          `SELECT device_id, created_at, pending, last_seq, acked_seq FROM devices ORDER BY created_at`,
        )
        .all() as {
        device_id: string;
        created_at: number;
        pending: number;
        last_seq: number;
        acked_seq: number;
      }[]
    ).map((r) => ({
      deviceId: r.device_id,
      createdAt: r.created_at,
      pending: r.pending,
      lastSeq: r.last_seq,
      ackedSeq: r.acked_seq,
    }));
  }

  deviceExists(deviceId: string): boolean {
    return this.stmts.exists.get(deviceId) === 1;
  }

  /** Constant-time check of a bearer secret against the stored hash. */
  authenticate(deviceId: string, secret: string): boolean {
    const stored = this.stmts.secret.get(deviceId);
    const expected = Buffer.from(typeof stored === 'string' ? stored : '0'.repeat(64), 'hex');
    const ok = timingSafeEqual(expected, Buffer.from(sha256Hex(secret), 'hex'));
    return ok && typeof stored === 'string';
  }

  // Ingest

  /** Stores several webhooks in one transaction (one fsync): the relay's group commit. */
  ingestMany(records: readonly IngestRecord[]): IngestOutcome[] {
    const run = this.db.transaction(() => records.map((r) => this.ingestOne(r)));
    return run.immediate();
  }

  private ingestOne(r: IngestRecord): IngestOutcome {
    const device = this.stmts.device.get(r.deviceId) as DeviceRow | undefined;
    if (!device) return 'unknown-device';
    if (this.stmts.seeJwt.run(r.deviceId, sha256Hex(r.jwt), r.receivedAt).changes === 0) return 'duplicate';
    const floor = Math.max(device.acked_seq, device.delivered_seq);
    if (this.stmts.sameBody.get(r.deviceId, r.bodySha256, floor) !== undefined) return 'collapsed';

    let pending = device.pending;
    let outcome: IngestOutcome = 'stored';
    if (r.coalesceKey !== null) {
      const dropped = this.stmts.dropHints.run(r.deviceId, r.coalesceKey, floor).changes;
      if (dropped > 0) {
        pending -= dropped;
        outcome = 'coalesced';
      }
    }
    let seq = device.last_seq;
    if (pending >= this.limits.maxQueue) {
      pending -= this.stmts.dropWaiting.run(r.deviceId, device.acked_seq).changes;
      seq++;
      this.stmts.insert.run(r.deviceId, seq, 'resync', r.receivedAt, null, null, null, null);
      this.stmts.bump.run(seq, pending + 1, r.deviceId);
      return 'resync';
    }
    seq++;
    this.stmts.insert.run(
      r.deviceId,
      seq,
      'webhook',
      r.receivedAt,
      r.jwt,
      Buffer.from(r.body),
      r.bodySha256,
      r.coalesceKey,
    );
    this.stmts.bump.run(seq, pending + 1, r.deviceId);
    return outcome;
  }

  // Polling

  /** Events after `after`, oldest first; marks them handed out, so later identical bodies are kept apart. */
  events(deviceId: string, after: number, limit: number): StoredEvent[] {
    const rows = this.stmts.events.all(deviceId, after, limit) as {
      seq: number;
      kind: 'webhook' | 'resync';
      received_at: number;
      jwt: string | null;
      body: Buffer | null;
    }[];
    if (rows.length > 0) this.stmts.delivered.run(rows[rows.length - 1].seq, deviceId);
    return rows.map((r) => ({
      seq: r.seq,
      kind: r.kind,
      receivedAt: r.received_at,
      jwt: r.jwt,
      body: r.body,
    }));
  }

  lastSeq(deviceId: string): number {
    const device = this.stmts.device.get(deviceId) as DeviceRow | undefined;
    return device?.last_seq ?? 0;
  }

  /** Cumulative: everything up to `upTo` is done. 'beyond' when the device was never given `upTo`. */
  ack(
    deviceId: string,
    upTo: number,
  ): { ok: true; acked: number } | { ok: false; reason: 'beyond' | 'unknown-device' } {
    const run = this.db.transaction(() => {
      const device = this.stmts.device.get(deviceId) as DeviceRow | undefined;
      if (!device) return { ok: false as const, reason: 'unknown-device' as const };
      if (upTo > device.last_seq) return { ok: false as const, reason: 'beyond' as const };
      if (upTo <= device.acked_seq) return { ok: true as const, acked: device.acked_seq };
      const removed = this.stmts.ackDelete.run(deviceId, upTo).changes;
      this.stmts.ackSet.run(upTo, removed, deviceId);
      return { ok: true as const, acked: upTo };
    });
    return run.immediate();
  }

  // Housekeeping

  /** Forgets old JWTs, and turns waiting events older than the retention into one resync marker per device. */
  prune(now = Date.now()): { jwtsForgotten: number; expiredEvents: number } {
    const run = this.db.transaction(() => {
      const jwtsForgotten = this.db
        .prepare(`DELETE FROM seen_jwts WHERE seen_at < ?`)
        .run(now - this.limits.jwtMemoryMs).changes;
      const cutoff = now - this.limits.retentionMs;
      const devices = this.db
        .prepare(`SELECT DISTINCT device_id FROM events WHERE received_at < ?`)
        .pluck()
        .all(cutoff) as string[];
      let expiredEvents = 0;
      for (const deviceId of devices) {
        const removed = this.db
          .prepare(`DELETE FROM events WHERE device_id = ? AND received_at < ?`)
          .run(deviceId, cutoff).changes;
        if (removed === 0) continue;
        expiredEvents += removed;
        const device = this.stmts.device.get(deviceId) as DeviceRow;
        const seq = device.last_seq + 1;
        this.stmts.insert.run(deviceId, seq, 'resync', now, null, null, null, null);
        this.stmts.bump.run(seq, device.pending - removed + 1, deviceId);
      }
      return { jwtsForgotten, expiredEvents };
    });
    return run.immediate();
  }
}

function migrate(db: Database.Database): void {
  const apply = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length)
      throw new Error(
        `This relay database has schema version ${version}, newer than this relay knows; update Coffer.`,
      );
    for (let i = version; i < MIGRATIONS.length; i++) db.exec(MIGRATIONS[i]);
    if (version !== MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  apply.immediate();
}
