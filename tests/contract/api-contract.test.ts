/**
 * Guard rail for the contract: every call name with the JSON Schema of its request (as sent and as
 * the handler receives it) and of its response, compared with the committed snapshot. Splitting or
 * moving the contract must leave the snapshot untouched; a deliberate contract change regenerates
 * it with COFFER_UPDATE_CONTRACT_SNAPSHOT=1 (then prettier --write).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calls, type CallName } from '../../src/shared/api';

const SNAPSHOT = path.join(__dirname, 'api-contract.snapshot.json');

function contractSnapshot(): Record<string, unknown> {
  const names = (Object.keys(calls) as CallName[]).sort();
  return Object.fromEntries(
    names.map((name) => {
      const { req, res } = calls[name];
      return [
        name,
        {
          request: z.toJSONSchema(req, { io: 'input' }),
          requestParsed: z.toJSONSchema(req, { io: 'output' }),
          response: z.toJSONSchema(res, { io: 'output' }),
        },
      ];
    }),
  );
}

describe('the contract', () => {
  it('matches the recorded call names and schemas', () => {
    const current = contractSnapshot();
    if (process.env.COFFER_UPDATE_CONTRACT_SNAPSHOT === '1')
      writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, 2)}\n`);
    const recorded: unknown = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
    expect(Object.keys(current)).toEqual(Object.keys(recorded as object));
    expect(current).toEqual(recorded);
  });
});
