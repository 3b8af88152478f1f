/**
 * The recovery key: 160 random bits shown to the user once, in groups of four Crockford base32
 * characters. It wraps the ledger key (scrypt → AES-256-GCM) in `<env>/ledger-key.recovery.json`,
 * so a lost keychain entry (new machine, reinstalled OS, wiped keyring) does not lose the ledger.
 * The file alone is useless: without the recovery key it is 32 random-looking bytes.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { LEDGER_KEY_BYTES, ledgerKeyCheck } from '../ledger/ledger-file';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_BYTES = 20;
/** 8 groups of 4: what the user writes down. */
export const RECOVERY_KEY_SHAPE = /\b(?:[0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}\b/g;

const SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const;
const AAD = Buffer.from('coffer ledger key v1');

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function newRecoveryKey(): string {
  return base32(randomBytes(RECOVERY_BYTES)).match(/.{4}/g)!.join('-');
}

/**
 * Accepts what a person types back: any case, spaces or dashes anywhere, and the letters people
 * confuse (O→0, I/L→1) folded as Crockford base32 does. Returns the canonical form, or null.
 */
export function normalizeRecoveryKey(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== 32 || [...compact].some((c) => !ALPHABET.includes(c))) return null;
  return compact.match(/.{4}/g)!.join('-');
}

export const RecoveryFile = z
  .object({
    format: z.literal('coffer-ledger-key-recovery'),
    version: z.literal(1),
    createdAt: z.string().max(64),
    kdf: z.object({
      name: z.literal('scrypt'),
      N: z
        .number()
        .int()
        .min(1024)
        .max(1 << 20),
      r: z.number().int().min(1).max(32),
      p: z.number().int().min(1).max(16),
      salt: z.base64().max(128),
    }),
    cipher: z.literal('aes-256-gcm'),
    iv: z.base64().max(64),
    tag: z.base64().max(64),
    wrappedKey: z.base64().max(128),
    /** ledgerKeyCheck of the wrapped key: which ledger key this file recovers. */
    keyCheck: z.string().regex(/^[0-9a-f]{32}$/),
  })
  .strict();
export type RecoveryFile = z.infer<typeof RecoveryFile>;

function derive(recoveryKey: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Buffer {
  return scryptSync(recoveryKey, salt, 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 });
}

export function wrapLedgerKey(ledgerKey: Buffer, recoveryKey: string): RecoveryFile {
  const canonical = normalizeRecoveryKey(recoveryKey);
  if (!canonical) throw new RangeError('Not a recovery key.');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(canonical, salt, SCRYPT), iv);
  cipher.setAAD(AAD);
  const wrapped = Buffer.concat([cipher.update(ledgerKey), cipher.final()]);
  return {
    format: 'coffer-ledger-key-recovery',
    version: 1,
    createdAt: new Date().toISOString(),
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrappedKey: wrapped.toString('base64'),
    keyCheck: ledgerKeyCheck(ledgerKey),
  };
}

/** The ledger key, or an AppError saying the recovery key is not the one for this file. */
export function unwrapLedgerKey(file: RecoveryFile, recoveryKey: string): Buffer {
  const canonical = normalizeRecoveryKey(recoveryKey);
  if (!canonical) {
    throw new AppError(
      'RECOVERY_KEY_INVALID',
      'That is not a recovery key: it has 32 letters and digits in groups of four (XXXX-XXXX-…).',
    );
  }
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      derive(canonical, Buffer.from(file.kdf.salt, 'base64'), file.kdf),
      Buffer.from(file.iv, 'base64'),
    );
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(file.wrappedKey, 'base64')), decipher.final()]);
    if (key.length !== LEDGER_KEY_BYTES || ledgerKeyCheck(key) !== file.keyCheck) throw new Error('mismatch');
    return key;
  } catch {
    throw new AppError('RECOVERY_KEY_WRONG', 'This recovery key does not belong to this ledger.');
  }
}

export function readRecoveryFile(file: string): RecoveryFile | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = RecoveryFile.safeParse(json);
  if (!parsed.success) {
    throw new AppError('RECOVERY_FILE_INVALID', `${file} is not a Coffer recovery file (it may be damaged).`);
  }
  return parsed.data;
}

/** Written to a temporary file and renamed, so a crash never leaves half a recovery file. */
export function writeRecoveryFile(file: string, content: RecoveryFile): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
