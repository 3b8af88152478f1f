import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../src/main/host';
import { fakeCore, type FakeCore } from './fake-core';
import { raw } from './http-client';

let dir: string;
let host: RunningHost;
let core: FakeCore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'coffer-host-'));
  const root = path.join(dir, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  mkdirSync(path.join(root, 'link'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Coffer</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'link', 'index.html'), '<!doctype html><title>Link</title>');
  writeFileSync(path.join(dir, 'outside-secret.txt'), 'TOP-SECRET');
  symlinkSync(path.join(dir, 'outside-secret.txt'), path.join(root, 'assets', 'escape.txt'));
  core = fakeCore();
  host = await startHost({ core, port: 0, rendererDir: root });
});

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = () => ({ Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' });
const call = (name: string, body: string, headers: Record<string, string> = auth()) =>
  raw(host.port, { method: 'POST', path: `/api/${name}`, headers, body });

describe('browser host: who may call', () => {
  it('binds to loopback and hands out a URL carrying a 32-byte token in the fragment', () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
  });

  it('answers a call with the token', async () => {
    const res = await call('app.info', '{}');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, result: { environment: 'demo' } });
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const none = await call('app.info', '{}', { 'Content-Type': 'application/json' });
    expect(none.status).toBe(403);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const wrong = await call('app.info', '{}', {
      ...auth(),
      Authorization: `Bearer ${host.token.slice(1)}x`,
    });
    expect(wrong.status).toBe(403);
    const basic = await call('app.info', '{}', { ...auth(), Authorization: `Basic ${host.token}` });
    expect(basic.status).toBe(403);
  });

  it('refuses a foreign Origin even with the token', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${host.port + 1}`,
      'null',
      `https://127.0.0.1:${host.port}`,
    ]) {
      const res = await call('app.info', '{}', { ...auth(), Origin: origin });
      expect(res.status, origin).toBe(403);
    }
    const ours = await call('app.info', '{}', { ...auth(), Origin: `http://localhost:${host.port}` });
    expect(ours.status).toBe(200);
  });

  it('refuses a Host other than 127.0.0.1 or localhost on its port (DNS rebinding)', async () => {
    for (const h of [
      'evil.example',
      `evil.example:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      '127.0.0.1',
    ]) {
      const res = await raw(host.port, {
        method: 'POST',
        path: '/api/app.info',
        headers: { ...auth(), Host: h },
        body: '{}',
      });
      expect(res.status, h).toBe(403);
      const page = await raw(host.port, { path: '/', headers: { Host: h } });
      expect(page.status, h).toBe(403);
    }
    const ok = await raw(host.port, { path: '/', headers: { Host: `localhost:${host.port}` } });
    expect(ok.status).toBe(200);
  });

  it('refuses the event stream without the token', async () => {
    const res = await raw(host.port, { path: '/api/events' });
    expect(res.status).toBe(403);
  });
});

describe('browser host: what it accepts', () => {
  it('answers 413 to a body over 1 MiB', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(1024 * 1024) });
    const res = await call('app.info', big);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    // The connection stays usable afterwards.
    expect((await call('app.info', '{}')).status).toBe(200);
  });

  it('explains an invalid payload in the envelope', async () => {
    const res = await call('transactions.list', JSON.stringify({ limit: 'lots' }));
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('INVALID_REQUEST');
    expect(body.error.message).toBe('The limit is missing or of the wrong kind.');
    const long = JSON.parse(
      (await call('transactions.list', JSON.stringify({ query: 'x'.repeat(201) }))).body,
    );
    expect(long.error.message).toBe('The query is too long: at most 200 characters.');
    const extra = JSON.parse((await call('app.info', JSON.stringify({ sneaky: true }))).body);
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('applies the contract defaults to a valid request', async () => {
    const body = JSON.parse((await call('transactions.list', '{}')).body);
    expect(body).toMatchObject({ ok: true, result: { total: 200 } });
  });

  it('answers malformed JSON with 400, a wrong content type with 415, an unknown call with 404', async () => {
    const bad = await call('app.info', '{nope');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/not valid JSON/);
    const form = await call('app.info', 'a=1', {
      ...auth(),
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const unknown = await call('ledger.drop', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    const get = await raw(host.port, { path: '/api/app.info', headers: auth() });
    expect(get.status).toBe(405);
  });
});

describe('browser host: static files', () => {
  it('serves the renderer with its security headers', async () => {
    const res = await raw(host.port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Coffer</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    const js = await raw(host.port, { path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of [
      '/../outside-secret.txt',
      '/%2e%2e/outside-secret.txt',
      '/assets/..%2f..%2foutside-secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2foutside-secret.txt',
      '/..%5coutside-secret.txt',
      '/assets/escape.txt',
      '/%00index.html',
      '/%E0%A4%A',
    ]) {
      const res = await raw(host.port, { path: p });
      expect([400, 403, 404], p).toContain(res.status);
      expect(res.body, p).not.toContain('TOP-SECRET');
    }
  });
});

describe('browser host: events and Link', () => {
  it('streams core events to a client holding the token', async () => {
    const controller = new AbortController();
    const res = await fetch(`${host.origin}/api/events`, {
      headers: { Authorization: `Bearer ${host.token}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    core.emit('ledger.changed', { reason: 'test' });
    let text = '';
    while (!/event: ledger\.changed\n.*\n\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: ledger.changed\ndata: {"reason":"test"}\n\n');
    controller.abort();
  });

  it('presents Link to the tabs, serves its page with Link origins in the CSP, and takes its result once', async () => {
    const controller = new AbortController();
    const res = await fetch(`${host.origin}/api/events`, {
      headers: { Authorization: `Bearer ${host.token}` },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += new TextDecoder().decode(value);
      }
    };
    const sessionId = 'sess_0123456789abcdef';
    const outcome = core.present({
      sessionId,
      linkToken: 'link-sandbox-abc',
      scriptUrl: 'http://127.0.0.1:4999/link/v2/stable/link-initialize.js',
      linkOrigins: ['http://127.0.0.1:4999'],
    });
    await readUntil('event: link.present');
    const data = JSON.parse(/event: link\.present\ndata: (.*)\n/.exec(text)![1]);
    expect(data.sessionId).toBe(sessionId);
    expect(data.url).toMatch(
      /^\/link\/index\.html\?session=sess_0123456789abcdef&token=link-sandbox-abc&script=/,
    );

    const page = await raw(host.port, { path: data.url });
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' http://127.0.0.1:4999;");
    expect(csp).toContain('frame-src http://127.0.0.1:4999;');
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4999;");

    const post = (body: unknown, origin = host.origin) =>
      raw(host.port, {
        method: 'POST',
        path: `/link/${sessionId}/result`,
        headers: { 'Content-Type': 'application/json', Origin: origin },
        body: JSON.stringify(body),
      });
    expect((await post({ kind: 'success' })).status).toBe(400);
    const result = {
      kind: 'success',
      publicToken: 'public-sandbox-xyz',
      metadata: { institution: null, accounts: [], link_session_id: 'ls' },
    };
    expect((await post(result, 'http://evil.example')).status).toBe(403);
    expect((await post(result)).status).toBe(200);
    await expect(outcome).resolves.toMatchObject({ kind: 'success', publicToken: 'public-sandbox-xyz' });
    expect((await post(result)).status).toBe(404);
    await readUntil('event: link.closed');
    controller.abort();
  });

  it('ends a waiting Link as an exit when the core aborts it', async () => {
    const abort = new AbortController();
    const outcome = core.present(
      {
        sessionId: 'sess_abortabortabort',
        linkToken: 't',
        scriptUrl: 'https://cdn.plaid.com/x.js',
        linkOrigins: [],
      },
      abort.signal,
    );
    abort.abort();
    await expect(outcome).resolves.toMatchObject({ kind: 'exit', error: null });
  });
});
