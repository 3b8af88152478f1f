#!/usr/bin/env node
// `npm run package [-- --linux|--mac|--win] [--dry-run]`: desktop installers with electron-builder.
//
// The native modules (better-sqlite3-multiple-ciphers, better-sqlite3) are compiled for Node by
// `npm install`; Electron needs them built for its own ABI. That rebuild happens here and only
// here, never on `npm install`, and is undone at the end so `npm test` keeps running under Node.
// electron-builder 26 runs through `npx --yes` instead of being a dependency: it downloads Electron,
// its packaging tools and headers while packaging, which plain development never needs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const platforms = args.filter((a) => ['--linux', '--mac', '--win'].includes(a));
const BUILDER = 'electron-builder@26';

/** Dependencies that compile a .node file with node-gyp (N-API prebuilt ones, like @napi-rs/keyring, need nothing). */
function nativeDependencies() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return Object.keys(pkg.dependencies ?? {}).filter((name) =>
    existsSync(path.join(root, 'node_modules', name, 'binding.gyp')),
  );
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(label, command, commandArgs) {
  console.log(`\n▶ ${label}: ${command} ${commandArgs.join(' ')}`);
  if (dryRun) return true;
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

const natives = nativeDependencies();
let ok =
  run('build', npx, ['electron-vite', 'build']) &&
  run('rebuild native modules for Electron', npx, ['--yes', BUILDER, 'install-app-deps']) &&
  run('package', npx, [
    '--yes',
    BUILDER,
    '--config',
    'electron-builder.yml',
    '--publish',
    'never',
    ...platforms,
  ]);
// Whatever happened, give Node its own builds back.
if (natives.length > 0 && !run('rebuild native modules for Node', npm, ['rebuild', ...natives])) ok = false;
if (!ok) {
  console.error('\nnpm run package: failed (see above). Packaging needs network access to fetch Electron.');
  process.exit(1);
}
console.log(
  dryRun ? '\nnpm run package: dry run, nothing was done.' : '\nnpm run package: installers are in dist/.',
);
