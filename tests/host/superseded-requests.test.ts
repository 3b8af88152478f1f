import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../src/main/host';
import { fakeCore, type FakeCore } from './fake-core';

/**
 * Search as you type: while one query holds the host's thread (SQLite cannot be interrupted),
 * further keystrokes arrive. Of the requests waiting in the same lane, only the newest runs.
 */
let dir: string;
let core: FakeCore;
let host: RunningHost;
const ran: string[] = [];

/** What the real ledger does: the query runs synchronously on the host's thread. */
function holdThread(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* a running SQLite statement */
  }
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'coffer-host-lanes-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  core = fakeCore();
  ran.length = 0;
  host = await startHost({ core, port: 0, rendererDir: dir });
});

afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

function requestText(name: string, body: object, lane: string | null, close = true): string {
  const text = JSON.stringify(body);
  return [
    `POST /api/${name} HTTP/1.1`,
    `Host: 127.0.0.1:${host.port}`,
    `Authorization: Bearer ${host.token}`,
    'Content-Type: application/json',
    ...(lane ? [`X-Coffer-Lane: ${lane}`] : []),
    `Content-Length: ${Buffer.byteLength(text)}`,
    `Connection: ${close ? 'close' : 'keep-alive'}`,
    '',
    text,
  ].join('\r\n');
}

const search = (query: string, lane: string | null) =>
  requestText('transactions.list', { query, limit: 200, after: null, includeTotal: false }, lane);

type Answer = { ok: boolean; error?: { code: string } };

/**
 * A kept-alive connection the host has already served once (as a browser's are), so a request
 * written to it while the host is busy is read as soon as the host's thread is free.
 */
async function openConnection(): Promise<{ socket: Socket; answer: Promise<Answer> }> {
  const socket = connect(host.port, '127.0.0.1');
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const warmedUp = new Promise<void>((resolve, reject) => {
    const check = () => {
      const head = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      if (head >= 0 && length && Buffer.byteLength(text.slice(head + 4)) >= Number(length)) {
        socket.off('data', check);
        text = '';
        resolve();
      }
    };
    socket.on('data', check).once('error', reject);
  });
  socket.write(requestText('app.info', {}, null, false));
  await warmedUp;
  const answer = new Promise<Answer>((resolve, reject) => {
    socket.on('end', () => resolve(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as Answer));
    socket.on('error', reject);
  });
  return { socket, answer };
}

async function typeWhileBusy(lanes: (string | null)[]) {
  const first = await openConnection();
  const later = await Promise.all(lanes.map(() => openConnection()));
  const queries = lanes.map((_, i) => `keystroke ${i + 2}`);
  core.handlers['transactions.list'] = async (req) => {
    ran.push(req.query ?? '');
    if (req.query === 'keystroke 1') {
      // The next keystrokes reach the host's socket buffers while this query holds the thread.
      later.forEach((c, i) => c.socket.write(search(queries[i], lanes[i])));
      holdThread(100);
    }
    return { transactions: [], next: null, total: 0 };
  };
  first.socket.write(search('keystroke 1', lanes[0]));
  return { first: await first.answer, later: await Promise.all(later.map((c) => c.answer)) };
}

it('drops a request a newer one in the same lane replaced before it ran', async () => {
  const lane = 'window-1/transactions-filter';
  const { first, later } = await typeWhileBusy([lane, lane, lane]);
  expect(first.ok).toBe(true);
  expect(later.map((a) => (a.ok ? 'ran' : a.error?.code))).toEqual(['SUPERSEDED', 'SUPERSEDED', 'ran']);
  expect(ran).toEqual(['keystroke 1', 'keystroke 4']);
});

it('runs every request without a lane, and keeps lanes of other windows apart', async () => {
  const { later } = await typeWhileBusy([
    null,
    'window-1/transactions-filter',
    'window-2/transactions-filter',
  ]);
  expect(later.every((a) => a.ok)).toBe(true);
  expect([...ran].sort()).toEqual(['keystroke 1', 'keystroke 2', 'keystroke 3', 'keystroke 4']);
});
