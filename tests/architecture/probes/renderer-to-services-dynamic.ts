// Linted as src/renderer/probe.ts: a dynamic import crosses rooms all the same.
export const probe = () => import('../main/services/core');
