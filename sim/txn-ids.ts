/**
 * Transaction ids, derived like every simulator id (the same Item and slot always give the same
 * id, two Items never share one) but fast: a sync page names up to a thousand of them, and a
 * keyed HMAC each was a third of a page's time. A per-Item key (sha256 of the Item id) seeds
 * seven independent 32-bit hash lanes over the slot, giving 37 alphanumerics (~220 bits).
 */
import { createHash } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LANES = 7;
const LENGTH = 37;
const keys = new Map<string, Uint32Array>();

function keyOf(itemId: string): Uint32Array {
  let key = keys.get(itemId);
  if (!key) {
    const digest = createHash('sha256').update(`txn-id|${itemId}`).digest();
    key = new Uint32Array(LANES);
    for (let i = 0; i < LANES; i++) key[i] = digest.readUInt32LE((i * 4) % 32) ^ Math.imul(i + 1, 0x9e3779b9);
    if (keys.size > 1024) keys.clear();
    keys.set(itemId, key);
  }
  return key;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const CODES = Array.from(ALPHANUMERIC, (c) => c.charCodeAt(0));
const lanes = new Uint32Array(LANES);
const codes = new Array<number>(LENGTH);

export function transactionId(itemId: string, slot: string): string {
  const key = keyOf(itemId);
  for (let l = 0; l < LANES; l++) {
    let h = key[l]!;
    for (let i = 0; i < slot.length; i++) {
      h ^= slot.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    lanes[l] = mix(h ^ slot.length);
  }
  for (let c = 0; c < LENGTH; c++) {
    const lane = c % LANES;
    const value = lanes[lane]!;
    codes[c] = CODES[value % 62]!;
    lanes[lane] = mix(((value / 62) | 0) ^ Math.imul(c + 1, 0x27d4eb2d));
  }
  return String.fromCharCode(...codes);
}
