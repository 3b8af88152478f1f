/**
 * Runs `coffer` commands one after another, each in its own process, inside one keyring session
 * in demo mode (no Plaid keys from the environment): each step's stdout, stderr and exit status
 * land in `<outDir>/<name>.{out,err,rc}`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inKeyringSession } from '../e2e/support/keyring-session';

export async function runCofferSteps(
  dataDir: string,
  outDir: string,
  steps: readonly [name: string, args: string][],
): Promise<{ code: number | null; output: string }> {
  const step = ([name, args]: readonly [string, string]) =>
    `node bin/coffer.mjs ${args} --data-dir "$D" >"$O/${name}.out" 2>"$O/${name}.err"; echo $? >"$O/${name}.rc"`;
  const env: NodeJS.ProcessEnv = { ...process.env, D: dataDir, O: outDir };
  for (const name of ['PLAID_CLIENT_ID', 'PLAID_SECRET', 'PLAID_ENV', 'PLAID_BASE_URL']) delete env[name];
  return inKeyringSession(steps.map(step).join('\n'), env);
}

/** What a step left in one of its files (`<name>.out`, `.err` or `.rc`). */
export const stepOutput = (outDir: string, name: string) => readFileSync(path.join(outDir, name), 'utf8');
