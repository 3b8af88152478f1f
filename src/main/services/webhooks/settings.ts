/**
 * What the app remembers about its relay, per environment, in `<dataDir>/<env>/relay.json`: the
 * webhook URL the user pasted (…/hooks/<deviceId>; not a secret: Plaid holds it too), the poll
 * cursor, and which webhook URL each Item was last given. The device secret lives only in the
 * keychain (purpose `relay-device`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const RELAY_DEVICE_PURPOSE = 'relay-device';

const RelayFile = z.object({
  /** The remote relay's webhook URL, as `coffer relay add-device` printed it; null: none configured. */
  webhookUrl: z.string().nullable().default(null),
  /** The last sequence number handled, and the webhook URL (relay + device) it belongs to. */
  cursor: z.number().int().nonnegative().default(0),
  cursorFor: z.string().nullable().default(null),
  /** Demo: the embedded relay's device id, kept across restarts. */
  embeddedDeviceId: z.string().nullable().default(null),
  /** The webhook URL Items get now (also read by short-lived processes, e.g. `coffer link`). */
  activeWebhookUrl: z.string().nullable().default(null),
  /** item_id → the webhook URL /item/webhook/update last set (or link time gave). */
  itemWebhooks: z.record(z.string(), z.string()).default({}),
});
export type RelayFile = z.infer<typeof RelayFile>;

export class RelaySettings {
  private cache: RelayFile | null = null;

  constructor(private readonly file: string) {}

  static at(envDir: string): RelaySettings {
    return new RelaySettings(path.join(envDir, 'relay.json'));
  }

  read(): RelayFile {
    if (this.cache) return this.cache;
    let raw: unknown = {};
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      // Missing or unreadable: start from defaults (the cursor only costs a redelivery).
    }
    const parsed = RelayFile.safeParse(raw);
    this.cache = parsed.success ? parsed.data : RelayFile.parse({});
    return this.cache;
  }

  update(change: (draft: RelayFile) => void): RelayFile {
    const draft = structuredClone(this.read());
    change(draft);
    const next = RelayFile.parse(draft);
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.cache = next;
    return next;
  }
}
