#!/usr/bin/env node
// `npm start`: build, then run the desktop app in demo mode (downloading the Electron runtime and the
// Electron builds of the native modules on first start), or, where that fails, the same app in the
// browser (`coffer serve`). Extra arguments go to either.
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

const { prepareDesktop } = await import('./electron-desktop.ts');
const plan = await prepareDesktop(root);
if (plan.mode === 'electron') {
  const child = spawn(plan.binary, ['.', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...plan.env },
  });
  // Ctrl-C reaches the child through the terminal's process group; wait for it to finish.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.log(`Starting the browser host instead of the desktop window: ${plan.reason}.`);
  const { run } = await import('../src/cli/main.ts');
  await run(['serve', ...args]);
}
