/**
 * The Plaid simulator's public entry: a stateful local server speaking Plaid's HTTP API.
 * Used as the demo backend (embedded in the app) and as the test double (`coffer sim`).
 * It must not import anything from src/main: it stands for Plaid, and knows nothing of the app.
 */
export type { RunningSimulator, SimulatorOptions } from './options';
export { DEMO_CREDENTIALS } from './credentials';

export { startSimulator } from './server';
export { FaultConfig, FaultRule } from './faults';
export type { WebhookConfig } from './webhooks';
