import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mergeCallTables } from './table';

const spec = { req: z.object({}), res: z.object({}) };
const alpha = { 'alpha.list': spec, 'shared.get': spec } as const;
const beta = { 'beta.list': spec, 'shared.get': spec } as const;
const gamma = { 'gamma.list': spec } as const;

describe('merging call tables', () => {
  it('keeps every call of every table', () => {
    const merged = mergeCallTables(alpha, gamma);
    expect(Object.keys(merged).sort()).toEqual(['alpha.list', 'gamma.list', 'shared.get']);
    expect(merged['gamma.list']).toBe(spec);
  });

  it('refuses a call name two tables both define, at compile time and at import time', () => {
    // @ts-expect-error 'shared.get' is defined by alpha and beta
    expect(() => mergeCallTables(alpha, gamma, beta)).toThrow(/shared\.get twice/);
  });
});
