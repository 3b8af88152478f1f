/** Looks for token-shaped strings and known secrets wherever the app may have written or answered. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Plaid's (and the simulator's) access and public tokens look like `access-sandbox-<uuid>`. */
export const TOKEN_PATTERN = /(access|public)-(sandbox|development|production)-[0-9a-f]{8}-[0-9a-f-]{27}/;

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Each file read as bytes (SQLite pages, -wal files, logs, the simulator state), reporting what leaked where. */
export function leaksInDir(dir: string, secrets: string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const text = readFileSync(file).toString('latin1');
    found.push(...leaksInText(text, secrets).map((what) => `${what} in ${path.relative(dir, file)}`));
  }
  return found;
}

export function leaksInText(text: string, secrets: string[]): string[] {
  const found: string[] = [];
  const token = TOKEN_PATTERN.exec(text);
  if (token) found.push(`token-shaped string ${token[0].slice(0, 20)}…`);
  for (const secret of secrets) if (secret && text.includes(secret)) found.push('a secret');
  return found;
}
