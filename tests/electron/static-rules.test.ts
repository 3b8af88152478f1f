/**
 * Source-level rules of the Electron shell that no unit test of behaviour can see: who may load
 * 'electron', where IPC handlers may be registered, and that no window escapes the prefs factory.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function files(dir: string): string[] {
  const abs = join(repo, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return files(relative(repo, path));
    return SOURCE.test(name) ? [relative(repo, path).split(sep).join('/')] : [];
  });
}

/** Source without comments, so prose about file:// or webPreferences is not mistaken for code. */
function code(file: string): string {
  return readFileSync(join(repo, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

const ELECTRON_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]electron(?:\/[^'"]*)?['"]/m;

describe('the rooms', () => {
  it('finds the electron import patterns it looks for', () => {
    for (const line of [
      "import { app } from 'electron';",
      'import type { WebContents } from "electron";',
      "const { app } = require('electron');",
      "const e = await import('electron');",
      "import 'electron';",
      "import { x } from 'electron/main';",
    ]) {
      expect(line).toMatch(ELECTRON_IMPORT);
    }
    expect("import { z } from 'zod'; // electron").not.toMatch(ELECTRON_IMPORT);
  });

  it("lets only src/main/electron and src/preload import 'electron'", () => {
    const scanned = ['src', 'sim', 'bench', 'scripts', 'bin', 'tests'].flatMap(files);
    expect(scanned.length).toBeGreaterThan(10);
    // The lint probes are never run: each is linted as if it stood in the room its first line names.
    const allowed = ['src/main/electron/', 'src/preload/', 'tests/electron/', 'tests/architecture/probes/'];
    const offenders = scanned.filter(
      (file) => !allowed.some((prefix) => file.startsWith(prefix)) && ELECTRON_IMPORT.test(code(file)),
    );
    expect(offenders).toEqual([]);
  });
});

describe('the Electron shell', () => {
  const shell = files('src/main/electron').map((file) => ({ file, text: code(file) }));

  it('registers IPC handlers only through ipc.ts', () => {
    const raw = shell.filter(
      ({ file, text }) => !file.endsWith('/ipc.ts') && /ipcMain\.(handle|handleOnce|on|once)\s*\(/.test(text),
    );
    expect(raw.map((f) => f.file)).toEqual([]);
  });

  it('builds every webPreferences with securePrefs()', () => {
    const loose = shell.flatMap(({ file, text }) =>
      text
        .split('\n')
        .filter((line) => /\bwebPreferences\s*:/.test(line) && !/securePrefs\(/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(loose).toEqual([]);
  });

  it('never turns a protection off, and never loads file://', () => {
    const weakened = [...shell, ...files('src/preload').map((file) => ({ file, text: code(file) }))]
      .filter(({ text }) =>
        /(sandbox|contextIsolation|webSecurity)\s*:\s*false|(nodeIntegration\w*|allowRunningInsecureContent|experimentalFeatures|webviewTag)\s*:\s*true|enableBlinkFeatures|loadFile\s*\(|file:\/\//.test(
          text,
        ),
      )
      .map((f) => f.file);
    expect(weakened).toEqual([]);
  });
});
