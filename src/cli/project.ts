import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout or installed package root (src/cli/ is two levels below it). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export const rendererDir = path.join(projectRoot, 'out', 'renderer');

/**
 * `coffer serve` needs the built renderer; a fresh clone has none. Build it once (electron-vite
 * builds main, preload and renderer; none of that needs the Electron runtime).
 */
export function ensureRendererBuilt(log: (line: string) => void): void {
  if (existsSync(path.join(rendererDir, 'index.html'))) return;
  log('Building the app once (electron-vite build)…');
  const require = createRequire(path.join(projectRoot, 'package.json'));
  const bin = path.join(
    path.dirname(require.resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  // The build's chatter goes to stderr so stdout stays the command's own output.
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: projectRoot, stdio: ['ignore', 2, 2] });
  if (result.status !== 0 || !existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('Building the app failed (see the output above); run `npm run build` to retry.');
  }
}
