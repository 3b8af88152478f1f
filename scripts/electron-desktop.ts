/**
 * What `npm start` needs before it can open the desktop window: the Electron runtime (Electron
 * downloads it only when its package is first required, so `npm ci` alone never has it) and an
 * Electron-ABI build of each native SQLite module, kept apart from the Node build `npm install`
 * compiled so that the tests under Node keep loading theirs. Every download runs in a child
 * process bounded in time: without internet the fallback to the browser host must come quickly.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { findElectronRuntime } from './electron-runtime';

/** The native modules the main process (and its ledger worker) loads, with the file each builds. */
export const NATIVE_SQLITE_MODULES = ['better-sqlite3-multiple-ciphers', 'better-sqlite3'] as const;
export type NativeModule = (typeof NATIVE_SQLITE_MODULES)[number];

/** The variables the Electron main process reads to load the Electron build (see ledger/sqlite.ts). */
export const NATIVE_BINDING_ENV: Record<NativeModule, string> = {
  'better-sqlite3-multiple-ciphers': 'COFFER_ELECTRON_SQLITE_BINDING',
  'better-sqlite3': 'COFFER_ELECTRON_RELAY_SQLITE_BINDING',
};

export interface Command {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export type StepResult = { ok: true } | { ok: false; reason: string };

export interface DesktopOptions {
  /** Bounds the runtime download (~100 MB). */
  runtimeTimeoutMs?: number;
  /** Bounds each native module fetch. */
  nativeTimeoutMs?: number;
  /** Replaces `node node_modules/electron/install.js` (tests). */
  runtimeInstaller?: Command;
  /** Replaces prebuild-install for one module; runs in a folder holding the module's package.json. */
  nativeFetcher?: (module: NativeModule, electronVersion: string) => Command;
  log?: (line: string) => void;
  /** How often a running download says it is still running. */
  heartbeatMs?: number;
  platform?: NodeJS.Platform;
  arch?: string;
}

export type DesktopPlan =
  { mode: 'electron'; binary: string; env: Record<string, string> } | { mode: 'browser'; reason: string };

const MINUTE = 60_000;

export async function prepareDesktop(root: string, options: DesktopOptions = {}): Promise<DesktopPlan> {
  const log = options.log ?? ((line: string) => console.log(line));
  let runtime = findElectronRuntime(root);
  if (!runtime.present) {
    const electronPkg = path.join(root, 'node_modules', 'electron', 'package.json');
    if (!existsSync(electronPkg)) return { mode: 'browser', reason: runtime.reason };
    const version = packageVersion(electronPkg);
    const timeoutMs = options.runtimeTimeoutMs ?? 10 * MINUTE;
    log(
      `Electron ${version} runtime not installed yet (${runtime.reason}): downloading it (at most ${describeMs(timeoutMs)})…`,
    );
    const installer = options.runtimeInstaller ?? {
      command: process.execPath,
      args: [path.join(root, 'node_modules', 'electron', 'install.js')],
    };
    const result = await runBounded(installer, {
      cwd: path.join(root, 'node_modules', 'electron'),
      timeoutMs,
      label: 'Electron runtime download',
      log,
      heartbeatMs: options.heartbeatMs,
    });
    if (!result.ok)
      return { mode: 'browser', reason: `the Electron runtime download failed: ${result.reason}` };
    runtime = findElectronRuntime(root);
    if (!runtime.present) {
      return { mode: 'browser', reason: `the Electron installer finished but ${runtime.reason}` };
    }
    log('Electron runtime installed.');
  }
  const native = await ensureElectronNative(root, options, log);
  if (!native.ok) return { mode: 'browser', reason: native.reason };
  return { mode: 'electron', binary: runtime.binary, env: native.env };
}

/** Where the Electron build of a native module lives, per Electron version, platform and arch. */
export function electronNativePath(
  root: string,
  module: NativeModule,
  electronVersion: string,
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  const moduleVersion = packageVersion(path.join(root, 'node_modules', module, 'package.json'));
  return path.join(
    root,
    'node_modules',
    '.cache',
    'coffer',
    'electron-native',
    `electron-${electronVersion}-${platform}-${arch}`,
    `${module}-${moduleVersion}.node`,
  );
}

async function ensureElectronNative(
  root: string,
  options: DesktopOptions,
  log: (line: string) => void,
): Promise<{ ok: true; env: Record<string, string> } | { ok: false; reason: string }> {
  const electronVersion = packageVersion(path.join(root, 'node_modules', 'electron', 'package.json'));
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const env: Record<string, string> = {};
  for (const module of NATIVE_SQLITE_MODULES) {
    const target = electronNativePath(root, module, electronVersion, platform, arch);
    env[NATIVE_BINDING_ENV[module]] = target;
    if (existsSync(target)) continue;
    const timeoutMs = options.nativeTimeoutMs ?? 3 * MINUTE;
    log(`Fetching ${module} built for Electron ${electronVersion} (at most ${describeMs(timeoutMs)})…`);
    mkdirSync(path.dirname(target), { recursive: true });
    // prebuild-install writes build/Release/ under its working folder: a scratch folder holding the
    // module's package.json keeps the Node build in node_modules untouched.
    const staging = mkdtempSync(path.join(path.dirname(target), `.${module}-`));
    try {
      copyFileSync(
        path.join(root, 'node_modules', module, 'package.json'),
        path.join(staging, 'package.json'),
      );
      const fetcher =
        options.nativeFetcher?.(module, electronVersion) ??
        prebuildInstall(root, electronVersion, platform, arch);
      const result = await runBounded(fetcher, {
        cwd: staging,
        timeoutMs,
        label: `${module} fetch`,
        log,
        heartbeatMs: options.heartbeatMs,
      });
      if (!result.ok) {
        return { ok: false, reason: `no Electron build of ${module} could be fetched: ${result.reason}` };
      }
      const built = path.join(staging, 'build', 'Release', 'better_sqlite3.node');
      if (!existsSync(built)) {
        return {
          ok: false,
          reason: `the ${module} fetch finished without build/Release/better_sqlite3.node`,
        };
      }
      renameSync(built, target);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return { ok: true, env };
}

function prebuildInstall(root: string, electronVersion: string, platform: string, arch: string): Command {
  return {
    command: process.execPath,
    args: [
      path.join(root, 'node_modules', 'prebuild-install', 'bin.js'),
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--platform=${platform}`,
      `--arch=${arch}`,
    ],
  };
}

interface BoundedOptions {
  cwd: string;
  timeoutMs: number;
  label: string;
  log: (line: string) => void;
  heartbeatMs?: number;
}

/**
 * Runs a download in a child process: its output passes through (the installer's own progress bar),
 * a line every `heartbeatMs` says it is still running, and past `timeoutMs` the child (and anything
 * it started) is killed. A failure is reduced to one line: the child's last line of error output.
 */
export function runBounded(step: Command, options: BoundedOptions): Promise<StepResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(step.command, step.args, {
      cwd: options.cwd,
      env: { ...process.env, ...step.env },
      stdio: ['ignore', 'inherit', 'pipe'],
      detached: process.platform !== 'win32',
    });
    let lastError = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      const lines = chunk
        .toString('utf8')
        .split(/\r?\n|\r/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('at '));
      if (lines.length > 0) lastError = lines[lines.length - 1]!;
    });
    const heartbeat = setInterval(() => {
      options.log(`  ${options.label}: still running after ${describeMs(Date.now() - started)}…`);
    }, options.heartbeatMs ?? 10_000);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child.pid);
    }, options.timeoutMs);
    const finish = (result: StepResult) => {
      clearInterval(heartbeat);
      clearTimeout(timer);
      resolve(result);
    };
    child.on('error', (error) => finish({ ok: false, reason: error.message }));
    child.on('exit', (code, signal) => {
      if (timedOut) finish({ ok: false, reason: `no answer within ${describeMs(options.timeoutMs)}` });
      else if (code === 0) finish({ ok: true });
      else finish({ ok: false, reason: lastError || `exited with ${code ?? signal}` });
    });
  });
}

function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') process.kill(pid);
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function packageVersion(file: string): string {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const version = (parsed as { version?: unknown }).version;
  if (typeof version !== 'string') throw new Error(`${file} has no version`);
  return version;
}

function describeMs(ms: number): string {
  return ms >= MINUTE ? `${Math.round(ms / MINUTE)} min` : `${Math.max(1, Math.round(ms / 1000))} s`;
}
