/**
 * Plaid's OpenAPI spec as a validator for the contract tests: the simulator's responses and any
 * client's requests are checked against the schemas Plaid publishes.
 *
 * The spec is read from `../shared/plaid-openapi/2020-09-14.yml` beside the repository when it
 * exists, otherwise rebuilt from the declarations of the `plaid` SDK that package-lock.json pins
 * (plaid-sdk-spec.ts), so a fresh clone checks against a spec as new as the SDK the app calls.
 * Either must be at least MINIMUM_SPEC_VERSION, the oldest that knows everything the tests check;
 * with neither, loading fails (a contract test never passes without a spec). The spec is never
 * copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { sdkSpec } from './plaid-sdk-spec';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type SpecSource = 'shared' | 'sdk';

export const SPEC_LOCATIONS: Record<SpecSource, string> = {
  shared: resolve(repoRoot, '..', 'shared', 'plaid-openapi', '2020-09-14.yml'),
  sdk: resolve(repoRoot, 'node_modules', 'plaid', 'dist', 'api.d.ts'),
};

/** The oldest spec that documents everything the tests check (e.g. AuthDefaultUpdateWebhook). */
export const MINIMUM_SPEC_VERSION = '2020-09-14_1.697';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

export interface LoadedSpec {
  source: SpecSource;
  file: string;
  version: string;
  /** Paths of every operation in the spec. */
  paths: string[];
  validateResponse(path: string, status: number, body: unknown): ValidationResult;
  validateRequest(path: string, body: unknown): ValidationResult;
  /** Validates against one of `#/components/schemas` (e.g. `PlaidError`). */
  validateSchema(name: string, value: unknown): ValidationResult;
  /** The media types the spec documents for a response (e.g. `application/pdf` for PDFs). */
  responseMediaTypes(path: string, status: number): string[];
  /** The JSON Schema of an operation's request body (its `$ref`s resolve with `resolve`). */
  requestSchema(path: string): JsonSchema | null;
  /** A schema with its `$ref` followed (null when it is not an object schema). */
  resolve(schema: unknown): JsonSchema | null;
}

export type JsonSchema = { [key: string]: Json };

/** The spec sources present on this machine, preferred first. */
export function availableSpecSources(): SpecSource[] {
  return (Object.keys(SPEC_LOCATIONS) as SpecSource[]).filter((s) => existsSync(SPEC_LOCATIONS[s]));
}

const loaded = new Map<SpecSource, LoadedSpec>();

/**
 * Loads (once) the spec named, or the preferred one at least MINIMUM_SPEC_VERSION; throws, saying
 * what to do, when there is none.
 */
export function loadSpec(source?: SpecSource): LoadedSpec {
  const tooOld: string[] = [];
  for (const candidate of source ? [source] : availableSpecSources()) {
    let spec = loaded.get(candidate);
    if (!spec) {
      spec = buildSpec(candidate);
      loaded.set(candidate, spec);
    }
    if (compareSpecVersions(spec.version, MINIMUM_SPEC_VERSION) >= 0) return spec;
    tooOld.push(`${spec.file} is ${spec.version}`);
  }
  throw new Error(
    `No Plaid OpenAPI spec of at least ${MINIMUM_SPEC_VERSION} to check the contract against` +
      (tooOld.length ? ` (${tooOld.join('; ')})` : '') +
      `: put Plaid's spec at ${SPEC_LOCATIONS.shared}, or run npm ci so that ${SPEC_LOCATIONS.sdk} exists.`,
  );
}

/** Orders `2020-09-14_1.697.4`-style versions (API date, then the spec's own numbering). */
export function compareSpecVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[_.-]/).map((p) => Number(p.replace(/\D/g, '')) || 0);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function validateResponse(path: string, status: number, body: unknown): ValidationResult {
  return loadSpec().validateResponse(path, status, body);
}

export function validateRequest(path: string, body: unknown): ValidationResult {
  return loadSpec().validateRequest(path, body);
}

// --- Recorded requests (the simulator's GET /__sim/requests) ----------------------------------

export interface RecordedRequest {
  body: unknown;
  status: number;
}

export type RecordedRequests = Record<string, RecordedRequest[]>;

/** Fetches what a client sent to a running simulator (credentials stripped, tokens redacted). */
export async function fetchRecordedRequests(
  simUrl: string,
  clientId: string,
  secret: string,
): Promise<RecordedRequests> {
  const response = await fetch(new URL('/__sim/requests', simUrl), {
    headers: { 'PLAID-CLIENT-ID': clientId, 'PLAID-SECRET': secret },
  });
  if (!response.ok) throw new Error(`GET /__sim/requests failed with HTTP ${response.status}`);
  const data = (await response.json()) as { requests: RecordedRequests };
  return data.requests;
}

/**
 * Every way the recorded requests break Plaid's request schemas, one line each (empty when all
 * conform). Requests the simulator refused are violations too.
 */
export function requestContractViolations(
  recorded: RecordedRequests,
  spec: LoadedSpec = loadSpec(),
): string[] {
  const violations: string[] = [];
  for (const [path, requests] of Object.entries(recorded)) {
    requests.forEach((request, index) => {
      const result = spec.validateRequest(path, request.body);
      for (const error of result.errors) violations.push(`POST ${path} #${index}: ${error}`);
      if (request.status >= 400 && request.status < 500 && result.valid) {
        violations.push(`POST ${path} #${index}: the simulator refused it with HTTP ${request.status}`);
      }
    });
  }
  return violations;
}

// --- Building validators ---------------------------------------------------------------------

const SPEC_ID = 'https://plaid.invalid/openapi.json';
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function readSpecFile(source: SpecSource): JsonObject {
  if (source === 'sdk') {
    const lock = JSON.parse(readFileSync(resolve(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages?: Record<string, { version?: string }>;
    };
    return sdkSpec({
      sdkDir: resolve(repoRoot, 'node_modules', 'plaid'),
      lockedVersion: lock.packages?.['node_modules/plaid']?.version ?? null,
      cacheDir: resolve(repoRoot, 'node_modules', '.cache', 'coffer'),
    }) as JsonObject;
  }
  return parseYaml(readFileSync(SPEC_LOCATIONS[source], 'utf8'), { maxAliasCount: -1 }) as JsonObject;
}

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * OpenAPI 3.0 → the JSON Schema ajv checks: `nullable` becomes a null type (ajv's own
 * `nullable` support refuses schemas without `type`), boolean exclusive bounds become numbers,
 * and keywords that are documentation only are dropped.
 */
function toJsonSchema(node: Json, formats: Set<string>): Json {
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples' || key === 'x-examples' || key === 'discriminator') continue;
    if (key === 'format' && typeof value === 'string') formats.add(value);
    if ((key === 'properties' || key === 'patternProperties') && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema, formats)]),
      );
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map((schema) => toJsonSchema(schema, formats));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = toJsonSchema(value, formats);
    } else {
      out[key] = value;
    }
  }
  // OpenAPI 3.0 spells exclusive bounds as booleans beside minimum/maximum.
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[exclusive] !== 'boolean') continue;
    if (out[exclusive] === true && typeof out[bound] === 'number') {
      out[exclusive] = out[bound];
      delete out[bound];
    } else {
      delete out[exclusive];
    }
  }
  if (out.nullable !== true) {
    delete out.nullable;
    return out;
  }
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

function pointer(...segments: string[]): string {
  return `#/${segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) =>
      `${e.instancePath || '(body)'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}`,
  );
}

function buildSpec(source: SpecSource): LoadedSpec {
  const raw = readSpecFile(source);
  const formats = new Set<string>();
  const rawSchemas =
    isObject(raw.components) && isObject(raw.components.schemas) ? raw.components.schemas : {};
  const components: JsonObject = {
    schemas: Object.fromEntries(
      Object.entries(rawSchemas).map(([name, schema]) => [name, toJsonSchema(schema, formats)]),
    ),
  };
  const rawPaths = isObject(raw.paths) ? raw.paths : {};
  // Only the schemas of POST operations are needed; the rest of the paths (examples) stays out.
  const paths: JsonObject = {};
  const mediaTypes = new Map<string, string[]>();
  for (const [path, item] of Object.entries(rawPaths)) {
    const post = isObject(item) ? item.post : undefined;
    if (!isObject(post)) continue;
    const request = isObject(post.requestBody) ? post.requestBody : {};
    const responses: JsonObject = {};
    for (const [status, response] of Object.entries(isObject(post.responses) ? post.responses : {})) {
      if (isObject(response) && isObject(response.content))
        mediaTypes.set(`${path} ${status}`, Object.keys(response.content));
      const schema =
        isObject(response) && isObject(response.content) ? response.content['application/json'] : undefined;
      if (isObject(schema) && schema.schema !== undefined)
        responses[status] = toJsonSchema(schema.schema, formats);
    }
    const requestContent = isObject(request.content) ? request.content['application/json'] : undefined;
    paths[path] = {
      request:
        isObject(requestContent) && requestContent.schema !== undefined
          ? toJsonSchema(requestContent.schema, formats)
          : null,
      responses,
    };
  }

  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, allowUnionTypes: true });
  addFormats(ajv);
  for (const format of formats) if (!ajv.formats[format]) ajv.addFormat(format, true);
  ajv.addSchema({ $id: SPEC_ID, components, paths } as unknown as object);

  const compiled = new Map<string, ValidateFunction>();
  const validator = (ref: string): ValidateFunction => {
    let fn = compiled.get(ref);
    if (!fn) {
      fn = ajv.getSchema(`${SPEC_ID}${ref}`);
      if (!fn) throw new Error(`no schema at ${ref}`);
      compiled.set(ref, fn);
    }
    return fn;
  };
  const operation = (path: string) => {
    const op = paths[path];
    if (!isObject(op)) throw new Error(`Plaid's spec (${source}) has no POST ${path}`);
    return op;
  };
  const resolveSchema = (schema: Json | undefined): JsonObject | null => {
    let current = schema;
    for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++) {
      const name = current.$ref.replace('#/components/schemas/', '');
      current = isObject(components.schemas) ? components.schemas[name] : undefined;
    }
    return isObject(current) ? current : null;
  };

  /** Plaid rejects fields a request schema does not name; the spec leaves that implicit. */
  const unknownFields = (schema: Json | undefined, value: unknown, at: string, out: string[]): void => {
    const resolved = resolveSchema(schema);
    if (!resolved) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => unknownFields(resolved.items, v, `${at}/${i}`, out));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const parts = [resolved, ...(Array.isArray(resolved.allOf) ? resolved.allOf.map(resolveSchema) : [])];
    if (
      parts.some(
        (p) =>
          p && (p.additionalProperties !== undefined || Array.isArray(p.oneOf) || Array.isArray(p.anyOf)),
      )
    )
      return;
    const properties = new Map<string, Json>();
    for (const part of parts) {
      if (part && isObject(part.properties))
        for (const [k, v] of Object.entries(part.properties)) properties.set(k, v);
    }
    if (properties.size === 0) return;
    for (const [key, v] of Object.entries(value)) {
      if (!properties.has(key)) out.push(`${at}/${key} is not a field Plaid accepts here`);
      else unknownFields(properties.get(key), v, `${at}/${key}`, out);
    }
  };

  return {
    source,
    file: SPEC_LOCATIONS[source],
    version: isObject(raw.info) && typeof raw.info.version === 'string' ? raw.info.version : 'unknown',
    paths: Object.keys(paths),
    validateResponse(path, status, body) {
      const responses = operation(path).responses;
      const key = isObject(responses) && responses[String(status)] !== undefined ? String(status) : 'default';
      let ref = pointer('paths', path, 'responses', key);
      if (!isObject(responses) || responses[key] === undefined) {
        // Older specs leave some operations' errors undocumented; Plaid's errors are always PlaidError.
        if (status < 400)
          return { valid: false, errors: [`the spec documents no ${status} response for ${path}`] };
        ref = pointer('components', 'schemas', 'PlaidError');
      }
      const fn = validator(ref);
      const valid = fn(body) as boolean;
      return { valid, errors: valid ? [] : formatErrors(fn.errors) };
    },
    responseMediaTypes(path, status) {
      return mediaTypes.get(`${path} ${status}`) ?? [];
    },
    validateSchema(name, value) {
      const fn = validator(pointer('components', 'schemas', name));
      const valid = fn(value) as boolean;
      return { valid, errors: valid ? [] : formatErrors(fn.errors) };
    },
    requestSchema(path) {
      return resolveSchema(operation(path).request);
    },
    resolve(schema) {
      return resolveSchema(schema as Json);
    },
    validateRequest(path, body) {
      const op = operation(path);
      if (op.request === null)
        return { valid: false, errors: [`the spec documents no request body for ${path}`] };
      const fn = validator(pointer('paths', path, 'request'));
      const errors = (fn(body) as boolean) ? [] : formatErrors(fn.errors);
      unknownFields(op.request, body, '', errors);
      return { valid: errors.length === 0, errors };
    },
  };
}
