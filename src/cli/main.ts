/**
 * `coffer`: the command line over the same services as the app. Output goes to stdout; a
 * failure is one line on stderr and a non-zero exit status (1 for failures, 2 for usage).
 */
import pkg from '../../package.json';
import { COMMON_HELP, COMMON_USAGE, parseCommand, UsageError } from './args';
import type { Command, Io } from './command';
import { accountsCommand } from './commands/accounts';
import { authCommand, identityCommand } from './commands/auth-identity';
import { assetReportCommand, incomeCommand } from './commands/asset-report';
import { itemsCommand } from './commands/items';
import { liabilitiesCommand } from './commands/liabilities';
import { exportCommand } from './commands/export';
import { linkCommand } from './commands/link';
import { netWorthCommand } from './commands/net-worth';
import { holdingsCommand, investmentTransactionsCommand, performanceCommand } from './commands/portfolio';
import { relayCommand } from './commands/relay';
import {
  backupCommand,
  recoverCommand,
  recoveryKeyCommand,
  restoreCommand,
  unlockCommand,
} from './commands/security';
import { serveCommand } from './commands/serve';
import { simCommand } from './commands/sim';
import { syncCommand } from './commands/sync';
import { transactionsCommand } from './commands/transactions';
import { toAppError } from '../main/services/errors';
import { describeFailure } from './core-session';

const commands: Command[] = [
  serveCommand,
  linkCommand,
  syncCommand,
  itemsCommand,
  accountsCommand,
  transactionsCommand,
  holdingsCommand,
  investmentTransactionsCommand,
  performanceCommand,
  liabilitiesCommand,
  assetReportCommand,
  incomeCommand,
  netWorthCommand,
  authCommand,
  identityCommand,
  exportCommand,
  simCommand,
  relayCommand,
  backupCommand,
  restoreCommand,
  recoveryKeyCommand,
  unlockCommand,
  recoverCommand,
];

/** Thrown by io.out once the reader of stdout went away (`coffer … | head`): the command stops, quietly. */
export class OutputClosed extends Error {}

function rootHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'Usage: coffer <command> [options]',
    '',
    'Coffer keeps your bank transactions in a local ledger, fetched through Plaid.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    COMMON_HELP,
    '  --version               print the version of Coffer',
    '',
    "Run 'coffer <command> --help' for a command's own options.",
  ].join('\n');
}

function commandHelp(c: Command): string {
  return [`Usage: ${c.usage} ${COMMON_USAGE}`, '', `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.`, '']
    .concat(c.optionsHelp.length ? [...c.optionsHelp, ''] : [])
    .concat(COMMON_HELP)
    .join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(rootHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.out(`coffer ${pkg.version}`);
    return 0;
  }
  const top = commands.find((c) => c.name === name);
  if (!top) {
    io.err(`coffer: unknown command '${oneLine(name)}'. Run 'coffer --help' for the list of commands.`);
    return 2;
  }
  const sub = top.subcommands?.find((c) => c.name === `${top.name} ${rest[0]}`);
  const command = sub ?? top;
  try {
    const values = parseCommand(sub ? rest.slice(1) : rest, command.options, command.positionals);
    if (values.help === true) {
      io.out(commandHelp(command));
      return 0;
    }
    await command.run(values, io);
    return 0;
  } catch (error) {
    if (error instanceof OutputClosed) return 0;
    if (error instanceof UsageError) {
      io.err(`coffer ${command.name}: ${oneLine(error.message)} Run 'coffer ${command.name} --help'.`);
      return 2;
    }
    const appError = toAppError(error);
    io.err(`coffer ${command.name}: ${oneLine(describeFailure(appError))}`);
    return 1;
  }
}

/**
 * Every help text by the words before `--help` ('' for the root): the CLI bundle keeps them in its
 * manifest so bin/coffer.mjs prints help without loading any of the CLI.
 */
export function helpTexts(): Record<string, string> {
  const texts: Record<string, string> = { '': rootHelp() };
  for (const c of commands.flatMap((top) => [top, ...(top.subcommands ?? [])]))
    texts[c.name] = commandHelp(c);
  return texts;
}

/** Entry point for bin/coffer.mjs: exits only after stdout and stderr have drained into their pipes. */
export async function run(argv: string[]): Promise<void> {
  // A reader that stops early (head, less quitting) closes the pipe: that ends the output, not in a stack trace.
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  process.stderr.on('error', () => undefined);
  const io: Io = {
    out: (line) => {
      if (stdoutClosed) throw new OutputClosed();
      process.stdout.write(`${line}\n`);
    },
    err: (line) => void process.stderr.write(`${line}\n`),
  };
  const code = await main(argv, io);
  if (stdoutClosed) process.exit(code);
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
