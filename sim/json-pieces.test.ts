/**
 * Replies with long arrays (the truth of a scale-test Item) are written in pieces, since their
 * JSON can pass V8's longest string; the pieces must still spell exactly JSON.stringify(body).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sendJson } from './http-util';
import { LONG_ARRAY, hasLongArray, jsonPieces } from './json-pieces';

function rows(n: number): { id: string; amount: number; pending: boolean; note?: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `txn-${i}`,
    amount: i / 100,
    pending: i % 7 === 0,
    note: i % 3 === 0 ? undefined : 'caf\u00e9 "quoted"',
  }));
}

describe('jsonPieces', () => {
  it('spells exactly what JSON.stringify does, a slice of the array at a time', () => {
    const body = {
      transactions: [...rows(12_345), undefined, new Date(0), null],
      skipped: undefined,
      nested: { a: [1, 2, 3], b: 'x' },
      empty: [],
      request_id: 'req',
    };
    const pieces = [...jsonPieces(body, 1_000)];
    expect(pieces.length).toBeGreaterThan(12);
    expect(pieces.every((p) => p.length < 200_000)).toBe(true);
    expect(pieces.join('')).toBe(JSON.stringify(body));
    expect([...jsonPieces({})].join('')).toBe('{}');
    expect([...jsonPieces({ only: undefined })].join('')).toBe('{}');
  });

  it('is used only for objects with an array past LONG_ARRAY', () => {
    expect(hasLongArray({ transactions: rows(LONG_ARRAY + 1) })).toBe(true);
    expect(hasLongArray({ transactions: rows(LONG_ARRAY) })).toBe(false);
    expect(hasLongArray(rows(LONG_ARRAY + 1))).toBe(false);
    expect(hasLongArray(null)).toBe(false);
  });

  it('sends a long reply over HTTP that parses back to the same body', async () => {
    const body = { transactions: rows(LONG_ARRAY * 2), request_id: 'req' };
    const server = createServer((_req, res) => sendJson(res, 200, body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await res.text()).toBe(JSON.stringify(body));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
