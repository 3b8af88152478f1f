/** Runs `coffer` in this process and keeps what it printed, for tests of its lines and statuses. */
import { main } from '../../src/cli/main';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

export async function runCli(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}
