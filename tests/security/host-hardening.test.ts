/**
 * Issue 6, item 5: what the browser-host audit added to tests/host (loopback, token, Host, Origin,
 * body size and rate limit were covered there): header and URL size limits, only loopback
 * reachable, and a rate limit the user can set from `coffer serve`.
 */
import fs from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { startHost, type RunningHost } from '../../src/main/host';
import { MAX_HEADER_BYTES } from '../../src/main/host/server';
import { fakeCore } from '../host/fake-core';
import { raw } from '../host/http-client';

let host: RunningHost;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-host-hard-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  host = await startHost({ core: fakeCore(), port: 0, rendererDir: dir });
});
afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('browser host limits', () => {
  it('answers 431 to headers over the limit, and still serves normal requests', async () => {
    const big = await raw(host.port, {
      path: '/',
      headers: { 'X-Filler': 'a'.repeat(MAX_HEADER_BYTES + 1) },
    });
    expect(big.status).toBe(431);
    expect((await raw(host.port, { path: '/' })).status).toBe(200);
  });

  it('answers 414 to an overlong URL with a clear error', async () => {
    const res = await raw(host.port, { path: `/${'a'.repeat(5000)}` });
    expect(res.status).toBe(414);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'URI_TOO_LONG' } });
  });

  it('cannot be reached on any address but loopback', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal && a.family === 'IPv4')
      .map((a) => a.address);
    for (const address of [...external, '::1']) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: host.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      expect({ address, reached }).toEqual({ address, reached: false });
    }
  });

  it('takes its rate limit from `coffer serve --rate-limit`, refusing nonsense', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (l: string) => err.push(l) };
    expect(await main(['serve', '--rate-limit', '0'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/--rate-limit must be a whole number from 1 to 1000000/);
    expect(await main(['serve', '--help'], { out: (l) => err.push(l), err: () => undefined })).toBe(0);
    expect(err.join('\n')).toMatch(/--rate-limit N\s+requests allowed per 10 s/);
  });
});
