/**
 * Plaid's OpenAPI spec rebuilt from the `plaid` SDK the app calls: the SDK is generated from that
 * spec, so its declarations (`dist/api.d.ts`) carry every schema — fields, which are required,
 * nullability, enums — and its code (`dist/api.js`) the path of each operation. What this loses
 * (formats, integer-ness, bounds) only makes validation more lenient, never wrong. The result is
 * cached per SDK version, so only the first run pays for parsing the declarations.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SdkSpecFiles {
  /** The installed `plaid` package. */
  sdkDir: string;
  /** The version package-lock.json pins, which the installed package must be. */
  lockedVersion: string | null;
  cacheDir: string;
}

/** The spec of the installed SDK, from the cache when this version was derived before. */
export function sdkSpec(files: SdkSpecFiles): JsonObject {
  const pkg = JSON.parse(readFileSync(join(files.sdkDir, 'package.json'), 'utf8')) as { version: string };
  if (files.lockedVersion && pkg.version !== files.lockedVersion) {
    throw new Error(
      `node_modules/plaid is ${pkg.version} but package-lock.json pins ${files.lockedVersion}: run npm ci.`,
    );
  }
  const cached = join(files.cacheDir, `plaid-${pkg.version}-openapi.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as JsonObject;
  const spec = deriveSpec(
    readFileSync(join(files.sdkDir, 'dist', 'api.d.ts'), 'utf8'),
    readFileSync(join(files.sdkDir, 'dist', 'api.js'), 'utf8'),
  );
  mkdirSync(dirname(cached), { recursive: true });
  const tmp = `${cached}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(spec));
  renameSync(tmp, cached);
  return spec;
}

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });

function typeSchema(node: ts.TypeNode): JsonObject {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.ObjectKeyword:
      return { type: 'object' };
    case ts.SyntaxKind.NullKeyword:
      return { type: 'null' };
  }
  if (ts.isParenthesizedTypeNode(node)) return typeSchema(node.type);
  if (ts.isArrayTypeNode(node)) return { type: 'array', items: typeSchema(node.elementType) };
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    const [arg] = node.typeArguments ?? [];
    if (name === 'Array' && arg) return { type: 'array', items: typeSchema(arg) };
    return ref(name);
  }
  if (ts.isLiteralTypeNode(node)) {
    if (node.literal.kind === ts.SyntaxKind.NullKeyword) return { type: 'null' };
    if (ts.isStringLiteral(node.literal)) return { type: 'string', enum: [node.literal.text] };
    if (ts.isNumericLiteral(node.literal)) return { type: 'number', enum: [Number(node.literal.text)] };
    if (node.literal.kind === ts.SyntaxKind.TrueKeyword) return { type: 'boolean', enum: [true] };
    if (node.literal.kind === ts.SyntaxKind.FalseKeyword) return { type: 'boolean', enum: [false] };
  }
  if (ts.isUnionTypeNode(node)) {
    const members = node.types.map(typeSchema);
    const nullable = members.some((m) => m.type === 'null');
    const rest = members.filter((m) => m.type !== 'null');
    const literals = rest.every((m) => Array.isArray(m.enum) && m.type === rest[0]?.type);
    const base: JsonObject =
      rest.length === 1
        ? rest[0]!
        : literals && rest.length > 0
          ? { type: rest[0]!.type ?? null, enum: rest.flatMap((m) => m.enum as Json[]) }
          : { anyOf: rest };
    return nullable ? { ...base, nullable: true } : base;
  }
  if (ts.isIntersectionTypeNode(node)) return { allOf: node.types.map(typeSchema) };
  if (ts.isTypeLiteralNode(node)) return objectSchema(node.members);
  // `any`, `unknown` and anything rarer: no constraint.
  return {};
}

function objectSchema(members: ts.NodeArray<ts.TypeElement>): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  let additional: JsonObject | undefined;
  for (const member of members) {
    if (ts.isPropertySignature(member) && member.type) {
      const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
      properties[name] = typeSchema(member.type);
      if (!member.questionToken) required.push(name);
    } else if (ts.isIndexSignatureDeclaration(member) && member.type) {
      additional = typeSchema(member.type);
    }
  }
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    ...(additional ? { additionalProperties: additional } : {}),
  };
}

/** The OpenAPI document the SDK was generated from, as far as validation needs it. */
export function deriveSpec(declarations: string, code: string): JsonObject {
  const source = ts.createSourceFile('api.d.ts', declarations, ts.ScriptTarget.Latest, true);
  const schemas: JsonObject = {};
  const methods = new Map<string, { request: string | null; response: string }>();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      schemas[statement.name.text] = objectSchema(statement.members);
    } else if (ts.isEnumDeclaration(statement)) {
      const values = statement.members.map((m) =>
        m.initializer && ts.isStringLiteral(m.initializer)
          ? m.initializer.text
          : m.initializer && ts.isNumericLiteral(m.initializer)
            ? Number(m.initializer.text)
            : m.name.getText(),
      );
      schemas[statement.name.text] = {
        type: values.every((v) => typeof v === 'number') ? 'number' : 'string',
        enum: values,
      };
    } else if (ts.isClassDeclaration(statement) && statement.name?.text === 'PlaidApi') {
      for (const member of statement.members) {
        if (!ts.isMethodDeclaration(member) || !member.type) continue;
        const [body] = member.parameters;
        const request = body?.type && ts.isTypeReferenceNode(body.type) ? body.type.typeName.getText() : null;
        // Promise<AxiosResponse<Response, …>>: `any` there is a PDF.
        const promised = ts.isTypeReferenceNode(member.type) ? member.type.typeArguments?.[0] : undefined;
        const axios = promised && ts.isImportTypeNode(promised) ? promised.typeArguments?.[0] : undefined;
        const response = axios && ts.isTypeReferenceNode(axios) ? axios.typeName.getText() : 'any';
        methods.set(member.name.getText(), { request, response });
      }
    }
  }

  const paths: JsonObject = {};
  let method: string | null = null;
  for (const line of code.split('\n')) {
    const start = /^ {8}(\w+): \(.*options = \{\}\) => __awaiter/.exec(line);
    if (start) method = start[1]!;
    const path = /const localVarPath = `([^`$]+)`;/.exec(line);
    if (!path || !method) continue;
    const operation = methods.get(method);
    method = null;
    if (!operation) continue;
    const content: JsonObject =
      operation.response === 'any'
        ? { 'application/pdf': { schema: { type: 'string', format: 'binary' } } }
        : { 'application/json': { schema: ref(operation.response) } };
    paths[path[1]!] = {
      post: {
        ...(operation.request
          ? { requestBody: { content: { 'application/json': { schema: ref(operation.request) } } } }
          : {}),
        responses: {
          '200': { content },
          default: { content: { 'application/json': { schema: ref('PlaidError') } } },
        },
      },
    };
  }
  const version = /The version of the OpenAPI document: (\S+)/.exec(declarations)?.[1] ?? 'unknown';
  return { openapi: '3.0.0', info: { version }, paths, components: { schemas } };
}
