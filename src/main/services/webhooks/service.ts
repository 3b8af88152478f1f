/**
 * Webhooks in the app: where they come from (a remote relay the user runs, or in demo mode a relay
 * embedded on loopback that the embedded simulator calls), the poller, the app's own
 * verification, dedupe, the dispatch table, each Item's webhook URL, and the periodic full sync
 * that runs whatever the webhooks say.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import {
  parseWebhookUrl,
  sha256Hex,
  webhookUrl as hookUrl,
  type RelayEvent,
  type RelayLog,
} from '../../../../relay/client';
import type { RunningRelay } from '../../../../relay/index';
import type { RelayStatus } from '../../../shared/api';
import type { PlaidErrorShape } from '../../../shared/plaid-error';
import type { CoreContext } from '../context';
import { AppError, toAppError } from '../errors';
import { itemTokenPurpose } from '../secrets/store';
import { handlerFor, WebhookPayload, type WebhookActions, type WebhookProduct } from './dispatch';
import { PeriodicSync, PERIODIC_SYNC_MS, realTimers, type Timers } from './periodic-sync';
import { RelayPoller, type PollerState } from './poller';
import { RELAY_DEVICE_PURPOSE, RelaySettings } from './settings';
import { appKeyCache, checkRelayEvent } from './verifier';
import { getItem, listItems } from '../items/store';

export interface WebhookTestingOptions {
  /** Run the poller, the embedded relay and the periodic sync under the 'test' host. */
  active?: boolean;
  periodicSyncMs?: number;
  timers?: Timers;
  pollBackoff?: { baseMs: number; capMs: number };
  /** Long-poll wait in seconds (default 25). */
  waitSeconds?: number;
}

export interface WebhookServiceOptions {
  ctx: CoreContext;
  dataDir: string;
  /** `<dataDir>/<env>`: relay.json lives there. */
  envDir: string;
  /** The app's Plaid keys: the embedded relay fetches verification keys with them, as a remote relay would. */
  plaidKeys: { clientId: string; secret: string };
  /** Long-running hosts poll; a CLI command only reads which webhook URL new Items get. */
  active: boolean;
  /** The full sync's period (the user's setting); PERIODIC_SYNC_MS by default. */
  syncIntervalMs?: number;
  runSync(itemId: string | null): Promise<unknown>;
  itemWebhook(
    itemId: string,
    code: string,
    error: PlaidErrorShape | null,
    extra: { accountId?: string },
  ): void;
  testing?: WebhookTestingOptions;
}

const SEEN_LIMIT = 4096;

function relayLogFor(ctx: CoreContext): RelayLog {
  return {
    info: (msg, fields) => ctx.log.info(`relay: ${msg}`, fields),
    warn: (msg, fields) => ctx.log.warn(`relay: ${msg}`, fields),
    error: (msg, fields) => ctx.log.error(`relay: ${msg}`, fields),
  };
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

export class WebhookService {
  private readonly settings: RelaySettings;
  private readonly keys;
  private readonly seen = new Set<string>();
  private readonly periodic: PeriodicSync | null;
  private embedded: RunningRelay | null = null;
  private poller: RelayPoller | null = null;
  private mode: RelayStatus['mode'] = 'off';
  private currentUrl: string | null = null;
  private state: RelayStatus['state'] = 'off';
  private lastError: string | null = null;
  private lastEventAt: string | null = null;
  private delivered = 0;
  private rejected = 0;
  private closed = false;
  private webhookUpdates: Promise<void> = Promise.resolve();

  constructor(private readonly options: WebhookServiceOptions) {
    this.settings = RelaySettings.at(options.envDir);
    this.keys = appKeyCache(options.ctx.plaid);
    const testing = options.testing ?? {};
    this.periodic = options.active
      ? new PeriodicSync(
          async () => {
            if (listItems(options.ctx.ledger).length === 0) return;
            options.ctx.log.info('periodic full sync');
            await options.runSync(null);
          },
          testing.periodicSyncMs ?? options.syncIntervalMs ?? PERIODIC_SYNC_MS,
          testing.timers ?? realTimers,
        )
      : null;
  }

  /** The webhook URL new Items get at link time (null: none). */
  webhookUrl(): string | null {
    if (this.options.active) return this.currentUrl;
    // A short-lived process (`coffer link`) uses what the running app last set up.
    return this.settings.read().activeWebhookUrl;
  }

  async start(): Promise<void> {
    if (!this.options.active) return;
    this.periodic?.start();
    try {
      await this.connect();
    } catch (error) {
      // Webhooks are an optimisation: the app works without them (periodic and manual syncs).
      this.state = 'error';
      this.lastError = toAppError(error).message;
      this.options.ctx.log.error('webhooks could not start', { message: this.lastError });
    }
  }

  status(): RelayStatus {
    return {
      mode: this.mode,
      webhookUrl: this.currentUrl ?? (this.options.active ? null : this.settings.read().activeWebhookUrl),
      secretStored: this.mode === 'embedded' || this.mode === 'remote',
      state: this.state,
      lastError: this.lastError,
      lastEventAt: this.lastEventAt,
      delivered: this.delivered,
      rejected: this.rejected,
    };
  }

  /** `relay.set`: a remote relay's webhook URL and device secret, or null to stop using one. */
  async configure(webhookUrl: string | null, secret: string | null): Promise<RelayStatus> {
    const { ctx } = this.options;
    if (webhookUrl === null) {
      await ctx.secrets.delete(RELAY_DEVICE_PURPOSE).catch(() => undefined);
      this.settings.update((s) => {
        s.webhookUrl = null;
      });
    } else {
      const parsed = parseWebhookUrl(webhookUrl.trim());
      if (!parsed)
        throw new AppError(
          'RELAY_URL_INVALID',
          'That is not a relay webhook URL: paste the webhook_url `coffer relay add-device` printed (it ends in /hooks/<device id>).',
        );
      const url = new URL(webhookUrl.trim());
      if (url.protocol !== 'https:' && !isLoopback(url.hostname))
        throw new AppError('RELAY_URL_INSECURE', 'A relay on another machine must be reached over https.');
      const stored = await ctx.secrets.get(RELAY_DEVICE_PURPOSE);
      const previous = this.settings.read().webhookUrl;
      const useSecret = secret ?? (previous === url.href ? stored : null);
      if (!useSecret)
        throw new AppError(
          'RELAY_SECRET_MISSING',
          'Enter the secret `coffer relay add-device` printed with this URL.',
        );
      await probe(parsed.baseUrl, parsed.deviceId, useSecret);
      if (secret) await ctx.secrets.set(RELAY_DEVICE_PURPOSE, secret);
      ctx.redactor.add(useSecret);
      this.settings.update((s) => {
        s.webhookUrl = url.href;
      });
    }
    if (this.options.active) await this.connect();
    return this.status();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.periodic?.stop();
    await this.disconnect();
    await this.webhookUpdates;
  }

  // Connection

  private async disconnect(): Promise<void> {
    await this.poller?.stop();
    this.poller = null;
    await this.embedded?.close();
    this.embedded = null;
  }

  private async connect(): Promise<void> {
    const { ctx } = this.options;
    await this.disconnect();
    if (this.closed) return;
    const settings = this.settings.read();
    const secret = settings.webhookUrl ? await ctx.secrets.get(RELAY_DEVICE_PURPOSE) : null;
    let target: { baseUrl: string; deviceId: string; secret: string; url: string } | null = null;
    if (settings.webhookUrl && secret) {
      const parsed = parseWebhookUrl(settings.webhookUrl);
      if (parsed) target = { ...parsed, secret, url: settings.webhookUrl };
      this.mode = 'remote';
    } else if (ctx.environment === 'demo') {
      target = await this.startEmbedded();
      this.mode = 'embedded';
    } else {
      this.mode = 'off';
    }
    if (!target) {
      this.currentUrl = null;
      this.state = 'off';
      this.settings.update((s) => {
        s.activeWebhookUrl = null;
      });
      return;
    }
    ctx.redactor.add(target.secret);
    this.currentUrl = target.url;
    const fresh = settings.cursorFor !== target.url;
    this.settings.update((s) => {
      s.activeWebhookUrl = target.url;
      if (fresh) {
        s.cursor = 0;
        s.cursorFor = target.url;
      }
    });
    this.poller = new RelayPoller({
      baseUrl: target.baseUrl,
      deviceId: target.deviceId,
      secret: target.secret,
      cursor: fresh ? 0 : settings.cursor,
      handle: (events) => this.handle(events),
      saveCursor: (seq) =>
        this.settings.update((s) => {
          s.cursor = seq;
        }),
      onState: (state, detail) => this.onState(state, detail),
      waitSeconds: this.options.testing?.waitSeconds,
      backoff: this.options.testing?.pollBackoff,
    });
    this.poller.start();
    this.updateItemWebhooks();
  }

  private async startEmbedded(): Promise<{ baseUrl: string; deviceId: string; secret: string; url: string }> {
    const { ctx, dataDir, plaidKeys } = this.options;
    // The relay's server (hono, Node's fetch) loads only when demo mode embeds one.
    const { startRelay } = await import('../../../../relay/index');
    const relay = await startRelay({
      dataDir: path.join(dataDir, 'demo', 'relay'),
      port: 0,
      host: '127.0.0.1',
      plaid: { baseUrl: ctx.basePath, clientId: plaidKeys.clientId, secret: plaidKeys.secret },
      log: relayLogFor(ctx),
    });
    this.embedded = relay;
    const known = this.settings.read().embeddedDeviceId;
    let deviceId: string;
    let secret: string | null = known && relay.deviceExists(known) ? relay.rotateDeviceSecret(known) : null;
    if (known && secret) {
      deviceId = known;
    } else {
      const device = relay.addDevice();
      deviceId = device.deviceId;
      secret = device.secret;
      this.settings.update((s) => {
        s.embeddedDeviceId = deviceId;
      });
    }
    ctx.log.info('embedded relay started', { url: relay.url });
    return { baseUrl: relay.url, deviceId, secret, url: hookUrl(relay.publicUrl, deviceId) };
  }

  private onState(state: PollerState, detail: string | null): void {
    if (state !== this.state || detail !== this.lastError)
      this.options.ctx.log.info('relay poller', { state, detail });
    this.state = state;
    this.lastError = detail;
  }

  /** Points every Item at the current webhook URL (Items linked under an old one would stop hearing). */
  private updateItemWebhooks(): void {
    const url = this.currentUrl;
    if (!url) return;
    this.webhookUpdates = this.webhookUpdates.then(async () => {
      const { ctx } = this.options;
      for (const item of listItems(ctx.ledger)) {
        if (this.closed || this.currentUrl !== url) return;
        if (this.settings.read().itemWebhooks[item.itemId] === url) continue;
        const token = await ctx.secrets.get(itemTokenPurpose(item.itemId)).catch(() => null);
        if (!token) continue;
        try {
          await ctx.plaid.itemWebhookUpdate(token, url);
          this.settings.update((s) => {
            s.itemWebhooks[item.itemId] = url;
          });
          ctx.log.info('item webhook updated', { itemId: item.itemId });
        } catch (error) {
          ctx.log.warn('could not update the item webhook', {
            itemId: item.itemId,
            code: toAppError(error).code,
          });
        }
      }
    });
  }

  // Events

  private async handle(events: RelayEvent[]): Promise<void> {
    const { ctx } = this.options;
    const syncs = new Set<string>();
    const accepted: string[] = [];
    let resync = false;
    const lifecycle: Parameters<WebhookServiceOptions['itemWebhook']>[] = [];
    const notes: [WebhookProduct, WebhookPayload][] = [];
    for (const event of events) {
      if (event.kind === 'resync') {
        ctx.log.info('relay asked for a full resync', { seq: event.seq });
        resync = true;
        continue;
      }
      const jwtKey = event.jwt ? sha256Hex(event.jwt) : null;
      if (jwtKey && (this.seen.has(jwtKey) || accepted.includes(jwtKey))) {
        ctx.log.info('relay event already handled', { seq: event.seq });
        continue;
      }
      const check = await checkRelayEvent({ ...event, kind: 'webhook' }, this.keys);
      if (!check.ok) {
        // Cannot look keys up right now: leave the batch unacknowledged and try again later.
        if (check.reason === 'key-lookup-unavailable')
          throw new Error('Plaid verification keys are unreachable');
        this.rejected++;
        ctx.log.warn('relay event rejected', { seq: event.seq, reason: check.reason });
        continue;
      }
      const payload = WebhookPayload.safeParse(safeJson(check.body));
      if (!payload.success) {
        this.rejected++;
        ctx.log.warn('relay event rejected', { seq: event.seq, reason: 'unreadable-body' });
        continue;
      }
      accepted.push(jwtKey!);
      const { webhook_type: type, webhook_code: code } = payload.data;
      const handler = handlerFor(type, code);
      ctx.log.info('webhook received', { seq: event.seq, type, code, body_sha256: check.bodySha256 });
      if (!handler) {
        ctx.log.info('no handler for this webhook', { type, code });
        continue;
      }
      const actions: WebhookActions = {
        hasItem: (id) => getItem(ctx.ledger, id) !== null,
        syncItem: (id) => void syncs.add(id),
        itemWebhook: (...args) => void lifecycle.push(args),
        notify: (product, p) => void notes.push([product, p]),
        log: (msg, fields) => ctx.log.info(msg, fields),
      };
      handler(payload.data, actions);
    }
    for (const args of lifecycle) this.options.itemWebhook(...args);
    if (resync) await this.options.runSync(null);
    else for (const itemId of syncs) await this.options.runSync(itemId);
    // Only once everything succeeded: a failure above means a redelivery that must not be skipped.
    for (const key of accepted) this.remember(key);
    this.delivered += accepted.length;
    if (accepted.length > 0 || resync) this.lastEventAt = new Date().toISOString();
    for (const [product, p] of notes)
      ctx.emit('webhook.received', {
        product,
        webhookType: p.webhook_type,
        webhookCode: p.webhook_code,
        itemId: p.item_id ?? null,
        assetReportId: p.asset_report_id ?? null,
      });
  }

  private remember(key: string): void {
    this.seen.add(key);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value!);
  }
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}

/** A quick authenticated call before saving settings: a wrong secret is said at once, not in a log later. */
async function probe(baseUrl: string, deviceId: string, secret: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(
      `${baseUrl}/devices/${encodeURIComponent(deviceId)}/events?after=0&wait=0&limit=1`,
      {
        headers: { authorization: `Bearer ${secret}` },
        signal: AbortSignal.timeout(10_000),
      },
    );
  } catch {
    // Offline now is fine: the poller keeps trying.
    return;
  }
  await response.body?.cancel();
  if (response.status === 401)
    throw new AppError('RELAY_UNAUTHORIZED', 'The relay does not know this device with this secret.');
}
