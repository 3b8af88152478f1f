import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startHost } from '../../src/main/host';
import { fakeCore } from './fake-core';
import { raw } from './http-client';

it('answers 429 once a burst goes over the configured limit', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'coffer-host-rl-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  const host = await startHost({
    core: fakeCore(),
    port: 0,
    rendererDir: dir,
    rateLimit: { maxRequests: 3, windowMs: 60_000 },
  });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await raw(host.port, { path: '/' })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
