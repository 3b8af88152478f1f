/**
 * Runs a shell script inside a throwaway D-Bus session with an unlocked gnome-keyring whose files
 * and control socket live in a scratch dir, so it can never touch (or unlock) a developer's own.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from './processes';

export function inKeyringSession(
  script: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 240_000,
): Promise<{ code: number | null; output: string }> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'coffer-keyring-'));
  for (const d of ['home', 'data', 'run']) mkdirSync(path.join(scratch, d), { mode: 0o700 });
  const keyring =
    `env -u GNOME_KEYRING_CONTROL HOME="$KR/home" XDG_DATA_HOME="$KR/data" XDG_RUNTIME_DIR="$KR/run" ` +
    `gnome-keyring-daemon --unlock --components=secrets <<<"throwaway-test-password" >/dev/null 2>&1`;
  return new Promise((resolve, reject) => {
    const child = spawn('dbus-run-session', ['--', 'bash', '-c', `${keyring}\n${script}`], {
      cwd: projectRoot,
      env: { ...env, KR: scratch },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(scratch, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}
