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

/** The system packages the tests need (Debian/Ubuntu names), each with what shows it is there. */
const SYSTEM_PACKAGES = [
  ['chromium', () => existsSync('/usr/bin/chromium')],
  ['gnome-keyring', () => onPath('gnome-keyring-daemon')],
  ['dbus', () => onPath('dbus-run-session')],
  ['xvfb', () => onPath('xvfb-run')],
  // The exports' checkers, and bench/cli.ts's anchor (the same query in the sqlite3 shell).
  ['hledger', () => onPath('hledger')],
  ['beancount', () => onPath('bean-check')],
  ['sqlite3', () => onPath('sqlite3')],
  // The Asset Report PDF test renders page 1 to an image.
  ['poppler-utils', () => onPath('pdftoppm')],
];
const INSTALL = `sudo apt-get update && sudo apt-get install -y ${SYSTEM_PACKAGES.map(([name]) => name).join(' ')}`;
const missingPackages = () => SYSTEM_PACKAGES.filter(([, present]) => !present()).map(([name]) => name);

/**
 * Installs what is missing the way .ci/run does (apt-get, through sudo when not root, saying so
 * first); where apt-get is not available it prints the command and stops.
 */
function installSystemPackages(missing) {
  const asRoot = process.getuid?.() === 0;
  if (process.platform !== 'linux' || !onPath('apt-get') || (!asRoot && !onPath('sudo'))) {
    console.error(`npm test needs ${missing.join(', ')}; install them with: ${INSTALL}`);
    process.exit(1);
  }
  console.log(
    `npm test needs ${missing.join(', ')}: installing them with apt-get` +
      (asRoot ? '.' : ' through sudo (it may ask for your password).'),
  );
  const aptGet = (aptArgs) => {
    const command = asRoot ? 'apt-get' : 'sudo';
    const commandArgs = asRoot ? aptArgs : ['DEBIAN_FRONTEND=noninteractive', 'apt-get', ...aptArgs];
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    return spawnSync(command, commandArgs, { stdio: 'inherit', env }).status === 0;
  };
  if (!aptGet(['update']) || !aptGet(['install', '-y', ...SYSTEM_PACKAGES.map(([name]) => name)])) {
    console.error(`npm test: installing system packages failed; install them with: ${INSTALL}`);
    process.exit(1);
  }
}

if (process.env[MARKER] !== '1') {
  const missing = missingPackages();
  if (missing.length > 0) installSystemPackages(missing);
  const still = missingPackages();
  if (still.length > 0) {
    console.error(`npm test needs ${still.join(', ')}; install them with: ${INSTALL}`);
    process.exit(1);
  }
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

/**
 * HOME, data and runtime dirs of their own for a gnome-keyring-daemon: it must neither open the
 * developer's keyrings nor find (and try to unlock) a daemon already running elsewhere.
 */
function keyringSandbox(name, base = process.env) {
  const dirs = ['home', 'data', 'run'].map((d) => path.join(scratch, name, d));
  for (const dir of dirs) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const env = { ...base, HOME: dirs[0], XDG_DATA_HOME: dirs[1], XDG_RUNTIME_DIR: dirs[2] };
  delete env.GNOME_KEYRING_CONTROL;
  return env;
}

const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
  input: 'coffer-throwaway-test-password\n',
  stdio: ['pipe', 'ignore', 'inherit'],
  env: keyringSandbox('keyring'),
});
if (keyring.status !== 0) {
  console.error('npm test: could not start gnome-keyring-daemon in the test D-Bus session.');
  process.exit(1);
}

// Anything that falls back to the default data dir lands in the scratch dir, never in the real one.
const dataHome = path.join(scratch, 'data');
const testEnv = { ...process.env, XDG_DATA_HOME: dataHome, COFFER_DATA_DIR: path.join(dataHome, 'coffer') };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const vitestReport = path.join(scratch, 'vitest.json');

function step(label, command, commandArgs, env = testEnv) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env });
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
  // Advisory: prints its findings, fails only on an unreviewed HIGH one (scripts/electronegativity.mjs).
  ['electronegativity (advisory)', process.execPath, [path.join(root, 'scripts', 'electronegativity.mjs')]],
  [
    'vitest run',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`, ...args],
  ],
];
const contract = path.resolve(root, '..', 'shared', 'tools', 'check-cli-contract');
if (existsSync(contract)) {
  // The checker starts its own D-Bus session and keyring (`gnome-keyring-daemon --unlock` in $HOME): sandbox them too.
  const env = { ...keyringSandbox('contract', testEnv), npm_config_update_notifier: 'false' };
  steps.push(['CLI contract (../shared/tools/check-cli-contract)', 'bash', [contract], env]);
}

for (const [label, command, commandArgs, env] of steps) {
  const ok = step(label, command, commandArgs, env);
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
