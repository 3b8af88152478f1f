#!/usr/bin/env node
// `npm test`: every check, in order, failing fast, inside a D-Bus session of its own with a
// throwaway unlocked gnome-keyring, so tests never see (or write to) the developer's keychain.
// Extra arguments go to vitest (e.g. `npm test -- tests/host`).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = 'COFFER_TEST_KEYRING_SESSION';
const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);

function onPath(name) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const missing = [
  existsSync('/usr/bin/chromium') ? null : 'chromium (/usr/bin/chromium)',
  onPath('gnome-keyring-daemon') ? null : 'gnome-keyring-daemon',
  onPath('dbus-run-session') ? null : 'dbus-run-session',
].filter(Boolean);
if (missing.length > 0) {
  console.error(
    `npm test needs ${missing.join(', ')}; install them with: sudo apt-get update && sudo apt-get install -y chromium gnome-keyring dbus xvfb`,
  );
  process.exit(1);
}

if (process.env[MARKER] !== '1') {
  const scratch = mkdtempSync(path.join(tmpdir(), 'coffer-test-'));
  const result = spawnSync('dbus-run-session', ['--', process.execPath, self, ...args], {
    stdio: 'inherit',
    env: { ...process.env, [MARKER]: '1', COFFER_TEST_SCRATCH: scratch },
  });
  rmSync(scratch, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}

// Inside our own D-Bus session from here on.
const scratch = process.env.COFFER_TEST_SCRATCH ?? mkdtempSync(path.join(tmpdir(), 'coffer-test-'));
const dirs = {
  home: path.join(scratch, 'home'),
  data: path.join(scratch, 'data'),
  run: path.join(scratch, 'run'),
};
for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });

// Its own HOME, data and runtime dirs: the daemon must neither open the developer's keyrings nor
// find (and unlock) a daemon already running in the developer's session.
const keyringEnv = { ...process.env, HOME: dirs.home, XDG_DATA_HOME: dirs.data, XDG_RUNTIME_DIR: dirs.run };
delete keyringEnv.GNOME_KEYRING_CONTROL;
const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
  input: 'coffer-throwaway-test-password\n',
  stdio: ['pipe', 'ignore', 'inherit'],
  env: keyringEnv,
});
if (keyring.status !== 0) {
  console.error('npm test: could not start gnome-keyring-daemon in the test D-Bus session.');
  process.exit(1);
}

// Anything that falls back to the default data dir lands in the scratch dir, never in the real one.
const testEnv = { ...process.env, XDG_DATA_HOME: dirs.data, COFFER_DATA_DIR: path.join(dirs.data, 'coffer') };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const vitestReport = path.join(scratch, 'vitest.json');

function step(label, command, commandArgs) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: testEnv });
  if (result.error) console.error(`npm test: could not run ${label}: ${result.error.message}`);
  return result.status === 0;
}

function vitestSummary() {
  try {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
    return `${report.numPassedTests} passed, ${report.numFailedTests} failed`;
  } catch {
    return null;
  }
}

const steps = [
  ['tsc --noEmit', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['eslint .', bin('eslint'), ['.']],
  ['prettier --check .', bin('prettier'), ['--check', '.']],
  ['electron-vite build', bin('electron-vite'), ['build']],
  [
    'vitest run',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`, ...args],
  ],
];
const contract = path.resolve(root, '..', 'shared', 'tools', 'check-cli-contract');
if (existsSync(contract))
  steps.push(['CLI contract (../shared/tools/check-cli-contract)', 'bash', [contract]]);

for (const [label, command, commandArgs] of steps) {
  const ok = step(label, command, commandArgs);
  if (label === 'vitest run') {
    const summary = vitestSummary();
    if (summary) console.log(`\n${summary}`);
  }
  if (!ok) {
    console.error(`\nnpm test: '${label}' failed.`);
    process.exit(1);
  }
}
console.log('\nnpm test: all checks passed.');
