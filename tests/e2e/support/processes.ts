/**
 * Running `coffer` as a user would: `node bin/coffer.mjs …` in its own process, with helpers to
 * wait for the lines long-running commands print and to stop them.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const cofferBin = fileURLToPath(new URL('../../../bin/coffer.mjs', import.meta.url));

export interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<number | null>;
}

export function startCoffer(args: string[], env: NodeJS.ProcessEnv = process.env): Running {
  const child = spawn(process.execPath, [cofferBin, ...args], { cwd: projectRoot, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = out.match(pattern);
          if (match) {
            cleanup();
            resolve(match);
          }
        };
        const onExit = (code: number | null) => {
          cleanup();
          reject(new Error(`coffer ${args[0]} exited (${code}) before printing ${pattern}:\n${out}\n${err}`));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`coffer ${args[0]} printed no ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          child.stdout.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout.on('data', check);
        child.on('exit', onExit);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/**
 * A starter for tests that run their own simulator: every process gets the same Plaid keys (the
 * simulator's and the host's must match) and none of the developer's Plaid settings, and is
 * recorded in `started` for afterAll to stop.
 */
export function coffersWithKeys(keys: { clientId: string; secret: string }, started: Running[]) {
  return (args: string[]): Running => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PLAID_CLIENT_ID: keys.clientId,
      PLAID_SECRET: keys.secret,
    };
    delete env.PLAID_ENV;
    delete env.PLAID_BASE_URL;
    const running = startCoffer(args, env);
    started.push(running);
    return running;
  };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCoffer(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 120_000,
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cofferBin, ...args], { cwd: projectRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`coffer ${args.join(' ')} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
