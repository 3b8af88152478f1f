// @ts-check
/**
 * Rooms as allow-lists (VS Code's layering rule is the model): every file belongs to the first
 * room whose globs it fits, and may import only what its room lists. A relative import is
 * resolved to the file it names and checked by that file's room, so `../../sim/generator` is
 * caught however it is spelt; a room with entries is reached from other rooms only through them.
 */
import { existsSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * @typedef {object} Room
 * @property {string} name
 * @property {string[]} files Globs relative to the repository root (`*`, `**`).
 * @property {string[]} [entries] The only files of this room other rooms may import.
 * @property {object} may
 * @property {string[] | 'any'} may.rooms Other rooms it may import ('any': every file of every room, past entries).
 * @property {string[] | 'any'} [may.packages] Package names (a package's subpaths come with it).
 * @property {boolean} [may.builtins] Node's built-in modules (`node:*`).
 */

/** @param {string} glob */
function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') source += '[^/]*';
    else source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** @param {Room[]} rooms */
function compile(rooms) {
  return rooms.map((room) => ({
    room,
    files: room.files.map(globToRegExp),
    entries: room.entries ? room.entries.map(globToRegExp) : null,
  }));
}

/** @param {ReturnType<typeof compile>} rooms @param {string} path */
const roomOf = (rooms, path) => rooms.find(({ files }) => files.some((glob) => glob.test(path)));

const HAS_EXTENSION = /\.(ts|tsx|js|mjs|cjs|json|css|html)$/;
const SOURCE_SUFFIXES = ['', '.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.tsx'];

/**
 * The repository path a relative specifier names: the file it resolves to, else (a file not
 * written yet) the path as a TypeScript module, so an entry is recognised either way.
 */
function resolveRelative(
  /** @type {string} */ root,
  /** @type {string} */ fromFile,
  /** @type {string} */ specifier,
) {
  const base = resolve(dirname(fromFile), specifier.replace(/\?.*$/, ''));
  const candidates = [...SOURCE_SUFFIXES.map((suffix) => base + suffix), base.replace(/\.js$/, '.ts')];
  const found =
    candidates.find((path) => existsSync(path) && statSync(path).isFile()) ??
    (HAS_EXTENSION.test(base) ? base : `${base}.ts`);
  return relative(root, found).split(sep).join('/');
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(/** @type {string} */ specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** A property of a TypeScript syntax node, which ESLint's ESTree types do not describe. */
function field(/** @type {unknown} */ node, /** @type {string} */ key) {
  return node && typeof node === 'object' ? /** @type {Record<string, unknown>} */ (node)[key] : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Each room imports only what its allow-list names.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, rooms: { type: 'array' } },
        required: ['root', 'rooms'],
        additionalProperties: false,
      },
    ],
    messages: {
      homeless: '{{file}} is in no room: add it to a room of eslint.config.js.',
      builtin: "Room '{{room}}' may not import Node's '{{specifier}}'.",
      package: "Room '{{room}}' may not import the package '{{name}}'.",
      room: "Room '{{room}}' may not import {{target}} (room '{{targetRoom}}').",
      entry: "Room '{{room}}' reaches room '{{targetRoom}}' only through {{entries}}, not {{target}}.",
      outside: "Room '{{room}}' may not import {{target}}: it is in no room.",
    },
  },
  create(context) {
    const { root, rooms: table } = /** @type {{ root: string; rooms: Room[] }} */ (context.options[0]);
    const rooms = compile(table);
    const file = relative(root, context.filename).split(sep).join('/');
    const home = roomOf(rooms, file);
    if (!home) {
      return {
        Program(node) {
          context.report({ node, messageId: 'homeless', data: { file } });
        },
      };
    }
    const { may } = home.room;

    /** @param {import('estree').Node} node @param {string} specifier */
    function check(node, specifier) {
      const data = { room: home.room.name, specifier };
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = resolveRelative(root, context.filename, specifier);
        const there = roomOf(rooms, target);
        if (!there) return context.report({ node, messageId: 'outside', data: { ...data, target } });
        if (there === home || may.rooms === 'any') return;
        const names = { ...data, target, targetRoom: there.room.name };
        if (!may.rooms.includes(there.room.name))
          return context.report({ node, messageId: 'room', data: names });
        if (there.entries && !there.entries.some((glob) => glob.test(target))) {
          const entries = (there.room.entries ?? []).join(', ');
          context.report({ node, messageId: 'entry', data: { ...names, entries } });
        }
        return;
      }
      if (isBuiltin(specifier)) {
        if (!may.builtins) context.report({ node, messageId: 'builtin', data });
        return;
      }
      const name = packageName(specifier);
      const packages = may.packages ?? [];
      if (packages !== 'any' && !packages.includes(name)) {
        context.report({ node, messageId: 'package', data: { ...data, name } });
      }
    }

    /** @param {import('estree').Node} node @param {unknown} source */
    const checkLiteral = (node, source) => {
      if (source && typeof source === 'object' && 'value' in source && typeof source.value === 'string') {
        check(node, source.value);
      }
    };

    return {
      ImportDeclaration: (node) => checkLiteral(node, node.source),
      ExportNamedDeclaration: (node) => checkLiteral(node, node.source),
      ExportAllDeclaration: (node) => checkLiteral(node, node.source),
      ImportExpression: (node) => checkLiteral(node, node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          checkLiteral(node, node.arguments[0]);
      },
      // TypeScript's own forms: `import x = require('…')` and the type `import('…').T`.
      TSExternalModuleReference: (node) => checkLiteral(node, field(node, 'expression')),
      TSImportType: (node) => checkLiteral(node, field(field(node, 'argument'), 'literal')),
    };
  },
};
