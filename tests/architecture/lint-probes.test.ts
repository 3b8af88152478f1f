/**
 * The rooms of eslint.config.js, proved both ways: each probe in probes/ is linted as if it lived
 * where its first line says. `<name>.ts` imports across a room's wall and must be rejected;
 * `<name>.allowed.ts` makes the matching import the room does allow and must pass, so a rule that
 * rejects everything fails here as surely as one that rejects nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const probesDir = join(import.meta.dirname, 'probes');
const RULE = 'rooms/import-rooms';

interface Probe {
  name: string;
  linkedAs: string;
  text: string;
}

function probes(allowed: boolean): Probe[] {
  return readdirSync(probesDir)
    .filter((name) => name.endsWith('.ts') && name.endsWith('.allowed.ts') === allowed)
    .sort()
    .map((name) => {
      const text = readFileSync(join(probesDir, name), 'utf8');
      const linkedAs = /^\/\/ Linted as (\S+?):/.exec(text)?.[1];
      if (!linkedAs) throw new Error(`${name} does not start with "// Linted as <path>: <why>."`);
      return { name, linkedAs, text };
    });
}

const eslint = new ESLint({ cwd: repo });

async function roomErrors({ text, linkedAs }: Probe): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(repo, linkedAs) });
  const fatal = result.messages.filter((message) => message.fatal);
  expect(fatal).toEqual([]);
  return result.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
}

const forbidden = probes(false);
const allowed = probes(true);

describe('the room walls', () => {
  it('keeps the probes the issue names, and more', () => {
    const names = forbidden.map((probe) => probe.name);
    for (const name of [
      'services-to-sim-internals.ts',
      'shared-to-relay.ts',
      'host-to-cli.ts',
      'link-ui-to-node-fs.ts',
      'renderer-to-relay-verify.ts',
      'renderer-to-node-path.ts',
      'preload-to-main.ts',
      'relay-to-src.ts',
      'sim-to-main.ts',
    ]) {
      expect(names).toContain(name);
    }
  });

  it.each(forbidden.map((probe) => [probe.name, probe] as const))('rejects %s', async (_name, probe) => {
    expect(await roomErrors(probe)).toHaveLength(1);
  });

  it.each(allowed.map((probe) => [probe.name, probe] as const))('accepts %s', async (_name, probe) => {
    expect(await roomErrors(probe)).toEqual([]);
  });

  it('gives every rejected probe but test support an accepted twin in the same room', () => {
    const twins = new Map(allowed.map((probe) => [probe.name.replace('.allowed.ts', '.ts'), probe.linkedAs]));
    for (const probe of forbidden) {
      if (probe.name.includes('test-support')) continue;
      expect(twins.get(probe.name), probe.name).toBe(probe.linkedAs);
    }
  });

  it('puts a file that fits no room in the wrong', async () => {
    const errors = await roomErrors({
      name: 'homeless',
      linkedAs: 'src/nowhere/probe.ts',
      text: 'export {};\n',
    });
    expect(errors).toEqual(['src/nowhere/probe.ts is in no room: add it to a room of eslint.config.js.']);
  });
});
