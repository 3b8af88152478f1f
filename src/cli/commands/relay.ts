/**
 * `coffer relay`: the webhook relay a user runs on a small public host (behind TLS), and
 * `coffer relay add-device`, which registers a device whether or not the relay is running.
 */
import path from 'node:path';
import type { PlaidAccess, RateLimit, RelayLimits } from '../../../relay/index';
import { defaultDataDir } from '../../main/services/paths';
import { credentialsFromEnv, intFlag, stringFlag, UsageError, type Values } from '../args';
import type { Command } from '../command';
import { untilStopped } from '../signals';

const PLAID_HOSTS: Record<string, string> = {
  sandbox: 'https://sandbox.plaid.com',
  production: 'https://production.plaid.com',
};

function relayDataDir(values: Values, env: NodeJS.ProcessEnv = process.env): string {
  const dir =
    stringFlag(values, 'data-dir') ?? env.COFFER_RELAY_DATA_DIR ?? path.join(defaultDataDir(env), 'relay');
  return path.resolve(dir);
}

function urlFlag(values: Values, name: string): string | null {
  const value = stringFlag(values, name);
  if (value === undefined) return null;
  if (!/^https?:\/\/[^\s/]+/.test(value))
    throw new UsageError(`--${name} must be an http(s) URL (got '${value}').`);
  return value;
}

/** Which Plaid to ask for verification keys, or why there is none. */
export function plaidAccess(
  values: Values,
  env: NodeJS.ProcessEnv = process.env,
): { access: PlaidAccess | null; missing: string | null } {
  const keys = credentialsFromEnv(env);
  const flagEnv = stringFlag(values, 'plaid-env');
  const plaidEnv = flagEnv ?? env.PLAID_ENV ?? null;
  const baseUrl =
    urlFlag(values, 'plaid-url') ?? env.PLAID_BASE_URL ?? (plaidEnv ? PLAID_HOSTS[plaidEnv] : undefined);
  if (plaidEnv && !baseUrl && !PLAID_HOSTS[plaidEnv])
    throw new UsageError(
      `the relay verifies sandbox or production webhooks: ${flagEnv === undefined ? 'the environment variable PLAID_ENV=' : '--plaid-env '}${plaidEnv} has none.`,
    );
  if (!keys) return { access: null, missing: 'PLAID_CLIENT_ID and PLAID_SECRET are not set' };
  if (!baseUrl)
    return { access: null, missing: 'neither PLAID_ENV (sandbox or production) nor --plaid-url is set' };
  return { access: { baseUrl, clientId: keys.clientId, secret: keys.secret }, missing: null };
}

function rateFlag(values: Values, name: string): RateLimit | undefined {
  const text = stringFlag(values, name);
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(text);
  if (!match || Number(match[1]) <= 0)
    throw new UsageError(`--${name} must be RATE or RATE/BURST, e.g. 20/100 (got '${text}').`);
  const perSecond = Number(match[1]);
  return { perSecond, burst: match[2] ? Number(match[2]) : Math.max(1, Math.ceil(perSecond * 5)) };
}

function limitFlags(values: Values): Partial<RelayLimits> {
  const limits: Partial<RelayLimits> = {};
  if (values['max-body'] !== undefined)
    limits.maxBodyBytes = intFlag(values, 'max-body', 0, 1024, 16 * 1024 * 1024);
  if (values['max-queue'] !== undefined) limits.maxQueue = intFlag(values, 'max-queue', 0, 1, 1_000_000);
  if (values['retention-days'] !== undefined)
    limits.retentionMs = intFlag(values, 'retention-days', 0, 1, 365) * 24 * 3600_000;
  const address = rateFlag(values, 'rate-address');
  if (address) limits.perAddress = address;
  const device = rateFlag(values, 'rate-device');
  if (device) limits.ingestPerDevice = device;
  const poll = rateFlag(values, 'rate-poll');
  if (poll) limits.pollPerDevice = poll;
  return limits;
}

export const relayAddDeviceCommand: Command = {
  name: 'relay add-device',
  summary: 'register a device with a relay and print its id, webhook URL and secret',
  usage: 'coffer relay add-device [--public-url URL]',
  optionsHelp: [
    '  --public-url URL        where Plaid reaches the relay (remembered; default: the last one given,',
    '                          else the address the relay last listened on)',
    '',
    'Works whether or not the relay is running. The secret is shown once: paste the webhook URL and',
    "the secret into Coffer's relay settings.",
  ],
  options: { 'public-url': { type: 'string' } },
  async run(values, io) {
    const { addDeviceOffline } = await import('../../../relay/index');
    const device = addDeviceOffline(relayDataDir(values), urlFlag(values, 'public-url'));
    io.out(`device_id=${device.deviceId}`);
    io.out(`webhook_url=${device.webhookUrl}`);
    io.out(`secret=${device.secret}`);
    if (!device.publicUrl)
      io.err(
        'note: no public URL known yet; pass --public-url https://your-relay.example to print the right one.',
      );
  },
};

export const relayCommand: Command = {
  name: 'relay',
  summary: "run the webhook relay: takes Plaid's webhooks, verifies and stores them for the app to poll",
  usage:
    'coffer relay [--port N] [--host H] [--public-url URL] [--trust-proxy] [--max-body BYTES] [--max-queue N] ' +
    '[--retention-days N] [--rate-address R[/B]] [--rate-device R[/B]] [--rate-poll R[/B]] | coffer relay add-device',
  optionsHelp: [
    '  --port N                port to listen on; 0 picks a free one (default 8787)',
    '  --host H                interface to bind (default 127.0.0.1; put a TLS proxy in front)',
    '  --public-url URL        where Plaid reaches the relay, e.g. https://relay.example.com',
    '  --trust-proxy           take client addresses from X-Forwarded-For (only behind your proxy)',
    '  --max-body BYTES        largest webhook body accepted (default 65536)',
    '  --max-queue N           waiting events per device before they collapse into a resync (default 1000)',
    '  --retention-days N      unacknowledged events older than this become a resync (default 14)',
    '  --rate-address R[/B]    requests per second (and burst) per source address (default 200/1000)',
    '  --rate-device R[/B]     webhooks per second (and burst) per device (default 50/200)',
    '  --rate-poll R[/B]       polls and acks per second (and burst) per device (default 2/30)',
    '',
    'Verification keys come from Plaid with PLAID_CLIENT_ID and PLAID_SECRET, at PLAID_ENV (sandbox or',
    'production) or --plaid-url. Without them the relay still starts and refuses every webhook, saying',
    'why in its log (stderr). Data dir: --data-dir, else $COFFER_RELAY_DATA_DIR, else <data dir>/relay.',
    'Subcommand: add-device (see coffer relay add-device --help). Runs until interrupted.',
  ],
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'public-url': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'max-body': { type: 'string' },
    'max-queue': { type: 'string' },
    'retention-days': { type: 'string' },
    'rate-address': { type: 'string' },
    'rate-device': { type: 'string' },
    'rate-poll': { type: 'string' },
  },
  subcommands: [relayAddDeviceCommand],
  async run(values, io) {
    const { access, missing } = plaidAccess(values);
    const { startRelay, DEFAULT_RELAY_PORT, streamLog } = await import('../../../relay/index');
    const log = streamLog();
    if (missing) log.warn('webhook verification is off', { why: missing });
    const relay = await startRelay({
      dataDir: relayDataDir(values),
      port: intFlag(values, 'port', DEFAULT_RELAY_PORT, 0, 65535),
      host: stringFlag(values, 'host') ?? '127.0.0.1',
      publicUrl: urlFlag(values, 'public-url'),
      plaid: access,
      trustProxy: values['trust-proxy'] === true,
      limits: limitFlags(values),
      log,
    });
    io.out(`listening on ${relay.url}`);
    io.out(`webhooks at ${relay.publicUrl}/hooks/<deviceId>`);
    await untilStopped();
    await relay.close();
  },
};
