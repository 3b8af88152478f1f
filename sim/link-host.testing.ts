/**
 * Test support for the Link stand-in in Chromium: an app page on another origin that uses the
 * stand-in exactly as apps use Plaid's script, served beside a simulator harness, and a browser.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startHarness, type SimHarness } from './testing';

/** What the page's Link handler reported. */
export interface HostResult {
  kind: 'success' | 'exit';
  publicToken?: string;
  error?: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
}

declare global {
  interface Window {
    linkResult: HostResult | null;
    linkEvents: string[];
  }
}

function hostPage(scriptUrl: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Host app</title></head>
<body><h1>Host app</h1>
<script src="${scriptUrl}"></script>
<script>
  window.linkResult = null;
  window.linkEvents = [];
  const handler = Plaid.create({
    token: new URLSearchParams(location.search).get('token'),
    onSuccess: (publicToken, metadata) => { window.linkResult = { kind: 'success', publicToken, metadata }; },
    onExit: (error, metadata) => { window.linkResult = { kind: 'exit', error, metadata }; },
    onEvent: (name) => { window.linkEvents.push(name); },
    onLoad: () => handler.open(),
  });
</script>
</body></html>`;
}

export interface LinkHostSuite {
  readonly h: SimHarness;
  /** The host page; `?token=<link_token>` opens Link on it. */
  readonly hostUrl: string;
  readonly browser: Browser;
}

/** A harness, the host page and Chromium for a whole suite (registers its beforeAll/afterAll). */
export function linkHostSuite(): LinkHostSuite {
  const state: { h?: SimHarness; host?: Server; hostUrl?: string; browser?: Browser } = {};
  beforeAll(async () => {
    const h = await startHarness({ clock: '2026-03-15', statePath: null });
    state.h = h;
    const html = hostPage(`${h.sim.url}/link/v2/stable/link-initialize.js`);
    const host = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
    });
    state.host = host;
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    state.hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`;
    state.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await state.browser?.close();
    await new Promise<void>((resolve) => (state.host ? state.host.close(() => resolve()) : resolve()));
    await state.h?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the Link host suite starts in beforeAll');
    return value;
  };
  return {
    get h() {
      return started(state.h);
    },
    get hostUrl() {
      return started(state.hostUrl);
    },
    get browser() {
      return started(state.browser);
    },
  };
}
