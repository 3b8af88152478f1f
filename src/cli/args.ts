/**
 * Flags every command shares, and the small typed readers the commands use on parseArgs' output.
 */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PlaidEnvironment } from '../shared/api';
import { defaultDataDir } from '../main/services/paths';

/** A mistake in how the command was typed: reported with a pointer to --help. */
export class UsageError extends Error {}

/** A failure the user should read: one line, no stack. */
export class CliError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

export const commonOptions: OptionSpec = {
  'data-dir': { type: 'string' },
  'plaid-env': { type: 'string' },
  'plaid-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const COMMON_HELP = [
  'Options every command takes:',
  '  --data-dir DIR          where Coffer keeps its files (default: $COFFER_DATA_DIR or the platform data dir)',
  '  --plaid-env ENV         demo | sandbox | production (default: $PLAID_ENV or demo)',
  '  --plaid-url URL         aim the Plaid client at this server, e.g. a running `coffer sim`',
  '  -h, --help              show help',
].join('\n');

export const COMMON_USAGE = '[--data-dir DIR] [--plaid-env ENV] [--plaid-url URL] [-h|--help]';

export interface CommonFlags {
  dataDir: string;
  environment: PlaidEnvironment;
  /** --plaid-env or PLAID_ENV named it (else demo is only the default). */
  environmentGiven: boolean;
  plaidUrl: string | null;
}

/**
 * parseArgs takes `--limit -5` for two options and answers with advice about `--limit=-5`; a
 * value that looks like a number belongs to its option, so the range check can name both.
 */
function attachNegativeNumbers(argv: string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    const next = argv[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Options, and the positional arguments a command names (all required) under those names. */
export function parseCommand(
  argv: string[],
  options: OptionSpec,
  positionalNames: readonly string[] = [],
): Values {
  const all = { ...commonOptions, ...options };
  try {
    const { values, positionals } = parseArgs({
      args: attachNegativeNumbers(argv, all),
      options: all,
      strict: true,
      allowPositionals: true,
    });
    if (values.help === true) return values as Values;
    if (positionals.length > positionalNames.length)
      throw new UsageError(`Unexpected argument '${positionals[positionalNames.length]}'.`);
    if (positionals.length < positionalNames.length)
      throw new UsageError(`Missing ${positionalNames[positionals.length]}.`);
    return {
      ...(values as Values),
      ...Object.fromEntries(positionalNames.map((n, i) => [n, positionals[i]])),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs' messages carry advice about '--' that does not apply here: keep the first sentence.
    const message = error instanceof Error ? error.message.split('. ')[0].replace(/\.$/, '') : String(error);
    throw new UsageError(`${message}.`);
  }
}

export function stringFlag(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function intFlag(values: Values, name: string, fallback: number, min: number, max: number): number {
  const text = stringFlag(values, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got '${text}').`);
  }
  return Number(text);
}

export function commonFlags(values: Values, env: NodeJS.ProcessEnv = process.env): CommonFlags {
  const flagEnv = stringFlag(values, 'plaid-env');
  const rawEnv = flagEnv ?? env.PLAID_ENV ?? 'demo';
  const environment = PlaidEnvironment.safeParse(rawEnv);
  if (!environment.success) {
    const source = flagEnv === undefined ? 'The environment variable PLAID_ENV' : '--plaid-env';
    throw new UsageError(`${source} must be demo, sandbox or production (got '${rawEnv}').`);
  }
  const plaidUrl = stringFlag(values, 'plaid-url') ?? env.PLAID_BASE_URL ?? null;
  if (plaidUrl !== null && !/^https?:\/\/[^\s/]+/.test(plaidUrl)) {
    throw new UsageError(`--plaid-url must be an http(s) URL (got '${plaidUrl}').`);
  }
  const given = stringFlag(values, 'data-dir');
  if (given !== undefined && given.trim() === '') {
    throw new UsageError('--data-dir must name a folder (got an empty value).');
  }
  const dataDir = path.resolve(given ?? defaultDataDir(env));
  return {
    dataDir,
    environment: environment.data,
    environmentGiven: flagEnv !== undefined || env.PLAID_ENV !== undefined,
    plaidUrl,
  };
}

/** API keys from the environment, for sandbox/production and for a simulator started with its own keys. */
export function credentialsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): { clientId: string; secret: string } | null {
  const clientId = env.PLAID_CLIENT_ID?.trim();
  const secret = env.PLAID_SECRET?.trim();
  return clientId && secret ? { clientId, secret } : null;
}
