// Linted as src/renderer/probe.ts: the renderer talks to main only through the contract.
import { verifyPlaidWebhook } from '../../relay/verify';

export const probe = verifyPlaidWebhook;
