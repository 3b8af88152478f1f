/**
 * A shipped migration never changes: its SQL feeds the deferred-index rebuild and the schema
 * checks, and ledgers in the field were built from it. The hashes were taken from the migrations
 * as they shipped (one array of strings, before they moved to a file each).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

const SHIPPED_SHA256 = [
  '2ff4e3c64e13f6a704d6ca2e667da23e008d3294c1c434b46962c606287b82d2',
  'f103653db445b76f69bc17e592540f28f4cd6fd73099bac70c190a2905dc402b',
  'b2bd48b77a54c6d1792718a6b3f18f9032aeb127cc777a5e2da76df4b6dd955d',
  'b7d51649d43f63daf37703b80ef5d18aca1563fb3e91cd83cbe79e1ebd41f638',
  'fb1d1956f4237d7876a7f50b518efc5e07710d59d97fd3e57ce54a96966c30bf',
  'acbb0414d32e5e9ac84ead1990d92c6a6825fa0c1c41eb0e6c22908041057200',
  'a18cc2a1f208de7aa9e33ec20b57be117410bf915db30da04e5d3468eeac2bcc',
  '2f35331d6d15d807e85c51462323375fb4c92f4a1ab5bd9e72ffcac16e3433a3',
];

/** Migrations shipped after the array above, by file. */
const SHIPPED_BY_FILE: Record<string, string> = {
  '0009-investments': '2eca995304b0bc64c807e8d20fb0bd6e3c82e4425266a0436ed21a79837707e0',
  '0010-liabilities': 'fdeb19c2b9845042535d0338adcf829379072ce27aae792c470ce1253504a4ab',
  '0011-net-worth': '0e6f3e4e972a438f34ed3cb6aa28f987830489026ac2f2d7c381b14e0380e1c4',
  '0012-category-tax-marks': 'fdc7e0869ab33c3f42b07f68f16d57a19a011176ddda5a13f702cadccd0f9e7b',
  '0017-covering-account-index': '61768026cb968d075ff9a53e6630f858eafa7395342395339baed7c432c76138',
};

describe('migrations', () => {
  it('keep the SQL of every migration shipped since, byte for byte', async () => {
    for (const [file, sha] of Object.entries(SHIPPED_BY_FILE)) {
      const module = (await import(`./migrations/${file}`)) as { default: string };
      expect(createHash('sha256').update(module.default).digest('hex'), file).toBe(sha);
    }
  });

  it('keep the SQL of every shipped migration byte for byte', () => {
    const shipped = migrations.slice(0, SHIPPED_SHA256.length);
    expect(shipped.map((sql) => createHash('sha256').update(sql).digest('hex'))).toEqual(SHIPPED_SHA256);
  });

  it('are one file each, numbered from 0001 without gaps, listed in the order of their numbers', async () => {
    const files = fs
      .readdirSync(folder)
      .filter((f) => f !== 'index.ts')
      .sort();
    expect(files.map((f) => f.slice(0, 5))).toEqual(
      migrations.map((_, i) => `${String(i + 1).padStart(4, '0')}-`),
    );
    for (const [i, file] of files.entries()) {
      const module = (await import(`./migrations/${file.replace(/\.ts$/, '')}`)) as { default: string };
      expect(module.default).toBe(migrations[i]);
    }
  });
});
