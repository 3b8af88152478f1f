import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, takeHostToken, tokenFromHash } from './token';

describe('tokenFromHash', () => {
  it('takes the token and keeps the rest of the fragment', () => {
    expect(tokenFromHash('#token=abc123')).toEqual({ token: 'abc123', rest: '' });
    expect(tokenFromHash('#view=tx&token=abc123')).toEqual({ token: 'abc123', rest: '#view=tx' });
  });

  it('finds nothing when there is no token', () => {
    expect(tokenFromHash('')).toEqual({ token: null, rest: '' });
    expect(tokenFromHash('#view=tx')).toEqual({ token: null, rest: '#view=tx' });
    expect(tokenFromHash('#token=')).toEqual({ token: null, rest: '' });
  });
});

function fakeTab(hash: string) {
  const stored = new Map<string, string>();
  const urls: string[] = [];
  return {
    urls,
    stored,
    env: {
      location: { hash, pathname: '/', search: '?x=1' },
      history: {
        state: null,
        replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void urls.push(String(url)),
      },
      storage: {
        getItem: (k: string) => stored.get(k) ?? null,
        setItem: (k: string, v: string) => void stored.set(k, v),
      },
    },
  };
}

describe('takeHostToken', () => {
  it('removes the token from the address bar and remembers it for a reload', () => {
    const tab = fakeTab('#token=s3cret');
    expect(takeHostToken(tab.env)).toBe('s3cret');
    expect(tab.urls).toEqual(['/?x=1']);
    expect(tab.stored.get(TOKEN_STORAGE_KEY)).toBe('s3cret');

    const reloaded = { ...tab.env, location: { ...tab.env.location, hash: '' } };
    expect(takeHostToken(reloaded)).toBe('s3cret');
    expect(tab.urls).toHaveLength(1);
  });

  it('returns null when neither the URL nor the session has a token', () => {
    expect(takeHostToken(fakeTab('').env)).toBeNull();
  });
});
