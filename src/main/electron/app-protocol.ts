/**
 * Serves the built renderer from app://coffer/ (a custom standard, secure scheme instead of
 * file://), with the Content-Security-Policy sent as a response header.
 */
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { appCsp, linkCsp, mimeType, resolveAppPath } from './security';

/** The CSP for an HTML document (path relative to the renderer root, '/'-separated), or null to refuse it. */
export type DocumentPolicy = (relativePath: string, url: URL) => string | null;

export const LINK_PAGE = 'link/index.html';

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function createAppFileHandler(
  root: string,
  policy: DocumentPolicy,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppPath(root, request.url);
    if (!file) return notFound();
    const rel = relative(root, file).split(sep).join('/');
    const headers: Record<string, string> = {
      'Content-Type': mimeType(file),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    if (rel.endsWith('.html')) {
      const csp = policy(rel, new URL(request.url));
      if (csp === null) return notFound();
      headers['Content-Security-Policy'] = csp;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound();
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** The app's session serves the React app; the Link page only ever loads in the Link session. */
export const appDocumentPolicy: DocumentPolicy = (rel) => (rel === LINK_PAGE ? null : appCsp());

/**
 * Link origins of the Link sessions currently open, by session id: the Link page's CSP allows
 * exactly the origins of its own session, and an unknown session gets no page at all.
 */
export class LinkOriginRegistry {
  private readonly bySession = new Map<string, readonly string[]>();

  add(sessionId: string, origins: readonly string[]): () => void {
    linkCsp(origins); // refuse bad origins before a window is opened
    this.bySession.set(sessionId, [...origins]);
    return () => this.bySession.delete(sessionId);
  }

  origins(sessionId: string | null): readonly string[] | null {
    return sessionId === null ? null : (this.bySession.get(sessionId) ?? null);
  }

  readonly documentPolicy: DocumentPolicy = (rel, url) => {
    if (rel !== LINK_PAGE) return null;
    const origins = this.origins(url.searchParams.get('session'));
    return origins ? linkCsp(origins) : null;
  };
}
