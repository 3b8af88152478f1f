/**
 * The browser host prints `http://127.0.0.1:PORT/#token=…`. The token is read from the fragment
 * (never sent to a server in a URL), dropped from the address bar, and kept in sessionStorage so a
 * reload of the same tab still works.
 */
export const TOKEN_STORAGE_KEY = 'coffer.host-token';

/** Splits `#token=abc&x=1` into the token and the fragment that should remain (`#x=1`, or ''). */
export function tokenFromHash(hash: string): { token: string | null; rest: string } {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  if (token === null) return { token: null, rest: hash };
  params.delete('token');
  const remaining = params.toString();
  return { token: token.trim() === '' ? null : token, rest: remaining ? `#${remaining}` : '' };
}

export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** Takes the token out of the URL if present (remembering it), else returns the remembered one. */
export function takeHostToken(env: TokenEnvironment): string | null {
  const { token, rest } = tokenFromHash(env.location.hash);
  if (token !== null) {
    env.storage?.setItem(TOKEN_STORAGE_KEY, token);
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest}`);
    return token;
  }
  return env.storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
}
