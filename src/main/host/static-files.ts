/**
 * Serves the built renderer. Only files that really lie under the renderer folder are served:
 * the decoded path is resolved and checked against the root, and symlinks are resolved too.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mimeType } from '../services/mime';

export interface StaticFile {
  /** Path relative to the root, with forward slashes (e.g. `link/index.html`). */
  relative: string;
  body: Buffer;
  contentType: string;
}

/** Maps a URL pathname to a file under root, or null when it does not name one (or tries to leave root). */
export async function resolveStatic(root: string, pathname: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const wanted = decoded.endsWith('/') ? `${decoded}index.html` : decoded;

  const realRoot = await fs.realpath(root).catch(() => null);
  if (!realRoot) return null;
  const candidate = path.resolve(realRoot, `.${wanted}`);
  const real = await fs.realpath(candidate).catch(() => null);
  if (!real || !real.startsWith(realRoot + path.sep)) return null;

  const stat = await fs.stat(real).catch(() => null);
  if (!stat?.isFile()) return null;
  const relative = path.relative(realRoot, real).split(path.sep).join('/');
  const contentType = mimeType(real);
  return { relative, body: await fs.readFile(real), contentType };
}
