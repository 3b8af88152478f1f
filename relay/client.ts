/**
 * The relay's entry for a device: what the app needs to poll a relay and verify what it hands over
 * (protocol, verifier, key cache, log), without the relay's HTTP server. Importing relay/index.ts
 * instead would load hono and Node's fetch (undici) at every start of the app and the CLI, though
 * only demo mode's embedded relay and `coffer relay` run a server.
 */
export {
  verifyPlaidWebhook,
  sha256Hex,
  MAX_TOKEN_AGE_SECONDS,
  type Verdict,
  type RejectReason,
} from './verify';
export { KeyCache, PlaidJwk, plaidKeyLookup, type KeyLookup, type KeyResolver } from './keys';
export {
  EventsResponse,
  RelayEvent,
  AckResponse,
  MAX_WAIT_SECONDS,
  parseWebhookUrl,
  webhookUrl,
} from './protocol';
export { streamLog, silentLog, type RelayLog } from './log';
export type { RateLimit } from './rate-limit';
