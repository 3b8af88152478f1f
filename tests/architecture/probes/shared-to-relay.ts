// Linted as src/shared/probe.ts: shared runs everywhere and imports only zod and shared.
import { verifyPlaidWebhook } from '../../relay/index';

export const probe = verifyPlaidWebhook;
