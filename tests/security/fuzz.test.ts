/**
 * Issue 6 acceptance: 10,000 malformed payloads to the IPC handlers (the real registerIpc over
 * the real core, with a stand-in ipcMain) and 10,000 to the browser host (real HTTP on loopback,
 * rate limit raised for the test): no crash, and each one answered with a clear validation error.
 */
import { Agent, request } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sim/index';
import { registerIpc, type IpcMainLike, type SenderCheck } from '../../src/main/electron/ipc';
import { APP_ORIGIN, senderRejection } from '../../src/main/electron/security';
import { startHost, type RunningHost } from '../../src/main/host';
import type { Core } from '../../src/main/services/core';
import { callNames, calls, type CallName, type Envelope } from '../../src/shared/api';
import { forgetSecrets, openTestCore, startTestSimulator, tempDir } from '../integration/helpers';
import { requireTestKeyring } from '../support/keyring';

const COUNT = 10_000;
/** Electron's IpcMainInvokeEvent, named without importing 'electron' outside the shell's own tests. */
type IpcMainInvokeEvent = Parameters<SenderCheck>[0];

let sim: RunningSimulator;
let dataDir: string;
let core: Core;

beforeAll(async () => {
  requireTestKeyring();
  sim = await startTestSimulator();
  dataDir = tempDir('coffer-fuzz-');
  core = await openTestCore({ dataDir, sim });
});
afterAll(async () => {
  await core?.close();
  await forgetSecrets(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await sim?.close();
});

/** Values that are not a valid request for `name`, judged by the contract's own schema. */
function malformedPayloads(count: number, seed: number): { name: CallName; payload: unknown }[] {
  const payload = fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }),
    // Known field names with values of the wrong kind.
    fc.record(
      {
        limit: fc.oneof(fc.string(), fc.double(), fc.constant(-1), fc.constant(1e9)),
        after: fc.oneof(fc.integer(), fc.string({ minLength: 600, maxLength: 700 })),
        itemId: fc.oneof(fc.integer(), fc.constant(''), fc.string({ minLength: 200, maxLength: 300 })),
        path: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('relative/x'), fc.integer()),
        overwrite: fc.oneof(fc.string(), fc.integer()),
        recoveryKey: fc.oneof(fc.integer(), fc.constant('')),
      },
      { requiredKeys: [] },
    ),
  );
  const out: { name: CallName; payload: unknown }[] = [];
  let i = 0;
  const batch = fc.sample(payload, { numRuns: count * 4, seed });
  for (const candidate of batch) {
    const name = callNames[i % callNames.length];
    if (calls[name].req.safeParse(candidate ?? {}).success) continue;
    out.push({ name, payload: candidate });
    i++;
    if (out.length === count) break;
  }
  expect(out.length).toBe(count);
  return out;
}

describe('IPC', () => {
  it(`answers ${COUNT} malformed payloads with INVALID_REQUEST, and keeps serving`, async () => {
    type Invoke = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Envelope<unknown>>;
    const registered = new Map<string, Invoke>();
    const ipcMain: IpcMainLike = {
      handle: (channel: string, listener: (...args: never[]) => unknown) => {
        registered.set(channel, listener as unknown as Invoke);
      },
    };
    registerIpc(ipcMain, core.handlers, (event) => senderRejection(event.senderFrame, [APP_ORIGIN]));
    const event = {
      senderFrame: { url: 'app://coffer/index.html', parent: null, detached: false },
      sender: { id: 1 },
    } as unknown as IpcMainInvokeEvent;

    const wrong: string[] = [];
    for (const { name, payload } of malformedPayloads(COUNT, 6)) {
      const reply = await registered.get(name)!(event, payload);
      const clear =
        !reply.ok &&
        reply.error.code === 'INVALID_REQUEST' &&
        // One sentence for a person: the schema's own wording never reaches the window.
        /^The [a-z ]+ .*\.$|^The request .*\.$/.test(reply.error.message) &&
        !/expected (string|number|object)|Invalid input|Too (big|small)/.test(reply.error.message);
      if (!clear && wrong.length < 5)
        wrong.push(`${name} ${JSON.stringify(payload)} → ${JSON.stringify(reply)}`);
    }
    expect(wrong).toEqual([]);
    const info = await registered.get('app.info')!(event, {});
    expect(info.ok).toBe(true);
  });

  it('answers foreign senders with FORBIDDEN_SENDER before looking at the payload', async () => {
    const registered = new Map<string, (e: IpcMainInvokeEvent, p: unknown) => Promise<Envelope<unknown>>>();
    registerIpc(
      { handle: (c: string, l: (...args: never[]) => unknown) => void registered.set(c, l as never) },
      core.handlers,
      (event) => senderRejection(event.senderFrame, [APP_ORIGIN]),
    );
    const frames = [null, { url: 'https://evil.test/', parent: null }, { url: 'app://coffer/', parent: {} }];
    for (const senderFrame of frames) {
      for (const name of callNames) {
        const reply = await registered.get(name)!({ senderFrame } as unknown as IpcMainInvokeEvent, {
          junk: true,
        });
        expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      }
    }
  });
});

describe('browser host', () => {
  let host: RunningHost;
  let rendererDir: string;
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });

  beforeAll(async () => {
    rendererDir = tempDir('coffer-fuzz-renderer-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Coffer</title>');
    host = await startHost({
      core,
      port: 0,
      rendererDir,
      rateLimit: { maxRequests: 1_000_000, windowMs: 1_000 },
    });
  });
  afterAll(async () => {
    agent.destroy();
    await host?.close();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  function post(
    pathname: string,
    body: Buffer,
    contentType = 'application/json',
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: pathname,
          agent,
          headers: {
            Host: `127.0.0.1:${host.port}`,
            Authorization: `Bearer ${host.token}`,
            'Content-Type': contentType,
            'Content-Length': body.length,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it(`answers ${COUNT} malformed requests with a clear validation error, and keeps serving`, async () => {
    const payloads = malformedPayloads(COUNT, 66);
    const garbage = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 64 }), { numRuns: COUNT, seed: 7 });
    const expected: Record<string, number> = {
      INVALID_REQUEST: 200,
      INVALID_JSON: 400,
      UNSUPPORTED_MEDIA_TYPE: 415,
    };
    const wrong: string[] = [];
    const seen: Record<string, number> = {};
    let next = 0;
    const worker = async () => {
      while (next < COUNT) {
        const i = next++;
        const { name, payload } = payloads[i];
        let res: { status: number; body: string };
        let want: string;
        if (i % 10 === 3) {
          // Bytes that are not JSON at all (a leading '\u0001' keeps any sample from being valid JSON).
          res = await post(`/api/${name}`, Buffer.concat([Buffer.from([1]), Buffer.from(garbage[i])]));
          want = 'INVALID_JSON';
        } else if (i % 10 === 7) {
          res = await post(`/api/${name}`, Buffer.from(JSON.stringify(payload ?? null)), 'text/plain');
          want = 'UNSUPPORTED_MEDIA_TYPE';
        } else {
          const json = JSON.stringify(payload);
          // JSON cannot carry every sampled value (undefined, functions-free but NaN, -0…): send what it can.
          if (json === undefined || calls[name].req.safeParse(JSON.parse(json) ?? {}).success) continue;
          res = await post(`/api/${name}`, Buffer.from(json));
          want = 'INVALID_REQUEST';
        }
        let envelope: Envelope<unknown> | null = null;
        try {
          envelope = JSON.parse(res.body) as Envelope<unknown>;
        } catch {
          envelope = null;
        }
        const ok =
          envelope !== null &&
          !envelope.ok &&
          envelope.error.code === want &&
          res.status === expected[want] &&
          envelope.error.message.length > 10;
        seen[want] = (seen[want] ?? 0) + 1;
        if (!ok && wrong.length < 5) wrong.push(`${name} ${res.status} ${res.body.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(wrong).toEqual([]);
    const total = Object.values(seen).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(COUNT * 0.95);
    expect(seen.INVALID_JSON).toBe(COUNT / 10);
    const info = await post('/api/app.info', Buffer.from('{}'));
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true });
  }, 120_000);
});
