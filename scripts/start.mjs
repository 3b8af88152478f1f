#!/usr/bin/env node
// `npm start`: build, then run the desktop app in demo mode, or, where the Electron runtime is not
// installed, the same app in the browser (`coffer serve`). Extra arguments go to either.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

const require = createRequire(path.join(root, 'package.json'));
const electronVite = path.join(
  path.dirname(require.resolve('electron-vite/package.json')),
  'bin',
  'electron-vite.js',
);
const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('npm start: the build failed (see above).');
  process.exit(build.status ?? 1);
}

const { findElectronRuntime } = await import('./electron-runtime.ts');
const runtime = findElectronRuntime(root);
if (runtime.present) {
  const child = spawn(runtime.binary, ['.', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PLAID_ENV: process.env.PLAID_ENV ?? 'demo' },
  });
  // Ctrl-C reaches the child through the terminal's process group; wait for it to finish.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.log(`Electron runtime not installed here (${runtime.reason}); starting the browser host instead.`);
  const { run } = await import('../src/cli/main.ts');
  await run(['serve', ...args]);
}
