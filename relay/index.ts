/**
 * The webhook relay's public entry. Plaid's webhooks reach a desktop without a public address
 * through it: verified, stored durably, then polled by the device. Used by `coffer relay`, by
 * demo mode (an embedded relay on loopback), and by the app, which verifies each webhook again
 * with the same verifier. It must not import anything from src/main: it runs on a server.
 */
export {
  startRelay,
  addDeviceOffline,
  relayDbPath,
  DEFAULT_LIMITS,
  DEFAULT_RELAY_PORT,
  type RelayOptions,
  type RunningRelay,
  type RelayDevice,
  type RelayLimits,
  type PlaidAccess,
} from './server';
export * from './client';
