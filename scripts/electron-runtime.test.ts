import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronRuntime } from './electron-runtime';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(files: Record<string, string>, executable: string[] = []): string {
  const root = mkdtempSync(path.join(tmpdir(), 'coffer-electron-'));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  for (const name of executable) chmodSync(path.join(root, name), 0o755);
  return root;
}

const pkg = { 'node_modules/electron/package.json': '{"name":"electron","version":"45.0.0"}' };

describe.skipIf(process.platform === 'win32')('Electron runtime detection', () => {
  it('reports a missing package', () => {
    expect(findElectronRuntime(project({}), 'linux')).toEqual({
      present: false,
      reason: 'node_modules/electron is not installed',
    });
  });

  it('reports the package without its downloaded runtime (npm install without the binary)', () => {
    expect(findElectronRuntime(project(pkg), 'linux')).toEqual({
      present: false,
      reason: 'node_modules/electron/dist is missing',
    });
    const noPathFile = findElectronRuntime(
      project({ ...pkg, 'node_modules/electron/dist/version': '45.0.0' }),
      'linux',
    );
    expect(noPathFile).toEqual({ present: false, reason: 'node_modules/electron/path.txt is missing' });
  });

  it('reports a path.txt pointing at a missing binary or outside dist', () => {
    const missing = project({
      ...pkg,
      'node_modules/electron/path.txt': 'electron',
      'node_modules/electron/dist/version': '1',
    });
    expect(findElectronRuntime(missing, 'linux')).toMatchObject({
      present: false,
      reason: expect.stringMatching(/dist\/electron is missing/),
    });
    const escape = project({
      ...pkg,
      'node_modules/electron/path.txt': '../../../bin/sh',
      'node_modules/electron/dist/x': '',
    });
    expect(findElectronRuntime(escape, 'linux')).toMatchObject({ present: false });
  });

  it('finds an installed runtime without running it', () => {
    const marker = 'ran.txt';
    const dir = project(
      {
        ...pkg,
        'node_modules/electron/path.txt': 'electron',
        'node_modules/electron/dist/electron': `#!/bin/sh\ntouch "$(dirname "$0")/${marker}"\n`,
      },
      ['node_modules/electron/dist/electron'],
    );
    const found = findElectronRuntime(dir, 'linux');
    expect(found).toEqual({ present: true, binary: path.join(dir, 'node_modules/electron/dist/electron') });
    expect(existsSync(path.join(dir, 'node_modules/electron/dist', marker))).toBe(false);
  });
});
