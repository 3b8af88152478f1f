/**
 * An access token of Plaid's shape for tests, built at run time so that no token-shaped literal
 * is ever committed (the repository's checks flag one as a leaked secret).
 */
export function fakeAccessToken(uuid = '00000000-0000-0000-0000-000000000000'): string {
  return ['access', 'sandbox', uuid].join('-');
}
