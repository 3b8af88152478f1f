/** Keys of the demo simulator: worthless outside it, and never sent to Plaid. */
export const DEMO_CREDENTIALS = { clientId: 'coffer-demo-client', secret: 'coffer-demo-secret' } as const;
