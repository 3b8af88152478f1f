/**
 * Plaid's servers take an explicit null in an optional request field as the field left out
 * (Plaid's own sample apps send `cursor: null`). For every endpoint the simulator serves, a
 * request built from the spec's request schema is sent as is, then with null in every optional
 * field (and in every optional field of each optional object): the simulator must answer the
 * same both ways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAID_ROUTES } from '../../sim/plaid-routes';
import { startHarness, type SimHarness } from '../../sim/testing';
import { loadSpec, type JsonSchema, type LoadedSpec } from './openapi';

interface Outcome {
  status: number;
  error_code: unknown;
  error_type: unknown;
  error_message: unknown;
}

type Values = Record<string, unknown>;

describe('an explicit null in an optional request field', () => {
  let h: SimHarness;
  let spec: LoadedSpec;

  async function post(path: string, body: unknown): Promise<Record<string, unknown> & { status: number }> {
    const reply = await h.call(path, body);
    return { ...reply.body, status: reply.status };
  }

  async function outcome(path: string, body: unknown): Promise<Outcome> {
    const r = await post(path, body);
    return {
      status: r.status,
      error_code: r.error_code,
      error_type: r.error_type,
      error_message: r.error_message,
    };
  }

  /** Real values for the fields whose value the simulator looks up (fresh for every request). */
  async function freshValues(): Promise<Values> {
    const created = await post('/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['transactions', 'assets', 'auth', 'identity', 'investments', 'liabilities'],
    });
    const exchanged = await post('/item/public_token/exchange', { public_token: created.public_token });
    const accessToken = exchanged.access_token as string;
    const another = await post('/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['transactions'],
    });
    const user = await post('/user/create', { client_user_id: `user-${Math.random()}` });
    const link = await post('/link/token/create', {
      client_name: 'Coffer',
      language: 'en',
      country_codes: ['US'],
      user: { client_user_id: 'local-user' },
      products: ['transactions'],
    });
    const report = await post('/asset_report/create', { access_tokens: [accessToken], days_requested: 30 });
    return {
      access_token: accessToken,
      access_tokens: [accessToken],
      public_token: another.public_token,
      link_token: link.link_token,
      user_token: user.user_token,
      asset_report_token: report.asset_report_token,
      institution_id: 'ins_109508',
      // Values the spec built from the SDK cannot describe (it knows no formats or minimum sizes).
      initial_products: ['transactions'],
      country_codes: ['US'],
      start_date: '2026-03-01',
      end_date: '2026-03-01',
      user: { client_user_id: 'local-user' },
      client_user_id: 'local-user',
      webhook: 'https://example.com/hook',
      language: 'en',
      client_name: 'Coffer',
    };
  }

  /** The schema with its `$ref`s and `allOf` parts merged into one object schema. */
  function flat(schema: unknown): JsonSchema | null {
    const resolved = spec.resolve(schema);
    if (!resolved) return null;
    const parts = Array.isArray(resolved.allOf) ? resolved.allOf.map((p) => flat(p)) : [];
    if (parts.length === 0) return resolved;
    const properties: JsonSchema = {};
    const required: string[] = [];
    for (const part of [resolved, ...parts]) {
      if (!part) continue;
      if (part.properties && typeof part.properties === 'object' && !Array.isArray(part.properties))
        Object.assign(properties, part.properties);
      if (Array.isArray(part.required)) required.push(...(part.required as string[]));
    }
    return { ...resolved, type: 'object', properties, required };
  }

  function propertiesOf(schema: JsonSchema): [string, unknown, boolean][] {
    const properties =
      schema.properties && typeof schema.properties === 'object' && !Array.isArray(schema.properties)
        ? schema.properties
        : {};
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    return Object.entries(properties).map(([name, s]) => [name, s, required.includes(name)]);
  }

  /**
   * A value the schema accepts: its required fields, and at the top level the optional ones the
   * simulator needs one of (`access_tokens` or `user_token`), with the values given by name.
   */
  function sample(schema: unknown, values: Values, name = '', top = false): unknown {
    if (name in values) return values[name];
    const s = flat(schema);
    if (!s) return null;
    const alternatives = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
    if (Array.isArray(alternatives)) return sample(alternatives[0], values, name);
    if (Array.isArray(s.enum)) return s.enum.find((v) => v !== null);
    const type = (Array.isArray(s.type) ? s.type : [s.type]).find((t) => t !== 'null') ?? 'object';
    switch (type) {
      case 'object':
        return Object.fromEntries(
          propertiesOf(s)
            .filter(([key, , required]) => required || (top && key in values))
            .map(([key, child]) => [key, sample(child, values, key)]),
        );
      case 'array': {
        const count = typeof s.minItems === 'number' ? s.minItems : 0;
        return Array.from({ length: count }, () => sample(s.items, values));
      }
      case 'string':
        if (s.format === 'date') return '2026-03-01';
        if (s.format === 'date-time') return '2026-03-01T00:00:00Z';
        return 'x'.repeat(typeof s.minLength === 'number' ? Math.max(1, s.minLength) : 1);
      case 'integer':
      case 'number':
        return typeof s.minimum === 'number' ? s.minimum : 1;
      case 'boolean':
        return false;
      default:
        return null;
    }
  }

  /** Every optional field the body leaves out set to null; `deep` also fills optional objects with nulls. */
  function withNulls(schema: JsonSchema, body: Record<string, unknown>, values: Values, deep: boolean) {
    const out: Record<string, unknown> = { ...body };
    for (const [key, child, required] of propertiesOf(schema)) {
      if (required || key in body) continue;
      const object = flat(child);
      const nested = object && propertiesOf(object).length > 0 && !(key in values) ? object : null;
      out[key] =
        deep && nested
          ? withNulls(nested, sample(nested, values) as Record<string, unknown>, values, false)
          : null;
    }
    return out;
  }

  beforeAll(async () => {
    spec = loadSpec();
    h = await startHarness({ clock: '2026-03-15', statePath: null });
  });
  afterAll(() => h?.close());

  const paths = Object.keys(PLAID_ROUTES).sort();

  it('covers every endpoint the simulator serves', () => {
    expect(paths.length).toBeGreaterThan(30);
    for (const path of paths) expect(spec.requestSchema(path), path).not.toBeNull();
  });

  it.each(paths)('%s: means the field is absent', async (path) => {
    const schema = spec.requestSchema(path)!;
    const base = sample(schema, await freshValues(), '', true) as Record<string, unknown>;
    const expected = await outcome(path, base);
    expect(
      expected.error_type,
      `${path} refused the request it was given: ${String(expected.error_message)}`,
    ).not.toBe('INVALID_REQUEST');
    for (const deep of [false, true]) {
      const values = await freshValues();
      const body = sample(schema, values, '', true) as Record<string, unknown>;
      const nulled = withNulls(schema, body, values, deep);
      expect(Object.values(nulled)).toContain(null);
      const got = await outcome(path, nulled);
      expect(
        { status: got.status, error_code: got.error_code },
        `${String(got.error_message)} for ${JSON.stringify(nulled)}`,
      ).toEqual({
        status: expected.status,
        error_code: expected.error_code,
      });
    }
  });
});
