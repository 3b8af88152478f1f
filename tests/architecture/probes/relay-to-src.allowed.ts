// Linted as relay/probe.ts: the relay runs on a server and knows nothing of the app.
import { KeyCache } from './keys';

export const probe = KeyCache;
