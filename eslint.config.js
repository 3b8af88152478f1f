// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import importRooms from './eslint-rules/import-rooms.js';

/**
 * The rooms of ARCHITECTURE.md as allow-lists: a file belongs to the first room whose globs it
 * fits, and imports only its own room, the rooms, packages and (or not) Node built-ins its room
 * names. Anything else is an error, so a new file cannot cross a room by accident. Globs name
 * folders, not files, so moves inside a room need no change here.
 */
const rooms = [
  // Test code may reach anything, and is the only code that may reach test support.
  {
    name: 'tests',
    files: ['tests/**', 'bench/**', '**/*.test.ts', '**/*.test.tsx'],
    may: { rooms: 'any', packages: 'any', builtins: true },
  },
  {
    name: 'test-support',
    files: ['**/testing.ts', '**/*.testing.ts', '**/testing/**'],
    may: { rooms: 'any', packages: 'any', builtins: true },
  },
  {
    name: 'shared',
    files: ['src/shared/**'],
    may: { rooms: [], packages: ['zod'], builtins: false },
  },
  {
    name: 'services',
    files: ['src/main/services/**'],
    may: {
      rooms: ['shared', 'sim', 'relay', 'manifest'],
      packages: [
        'better-sqlite3',
        'better-sqlite3-multiple-ciphers',
        'plaid',
        '@napi-rs/keyring',
        'jose',
        'zod',
        // The ledger worker's source-mode boot registers tsx's loader in its thread.
        'tsx',
        'csv-stringify',
      ],
      builtins: true,
    },
  },
  {
    name: 'electron-main',
    files: ['src/main/electron/**'],
    may: { rooms: ['services', 'shared'], packages: ['electron'], builtins: true },
  },
  {
    name: 'host',
    files: ['src/main/host/**'],
    may: { rooms: ['services', 'shared'], packages: [], builtins: true },
  },
  {
    name: 'preload',
    files: ['src/preload/**'],
    may: { rooms: ['shared'], packages: ['electron'], builtins: false },
  },
  {
    name: 'renderer',
    files: ['src/renderer/**'],
    may: {
      rooms: ['shared'],
      packages: ['react', 'react-dom', 'zustand', 'recharts', '@tanstack/react-virtual', 'zod'],
      builtins: false,
    },
  },
  {
    name: 'cli',
    files: ['src/cli/**'],
    may: { rooms: ['services', 'host', 'shared', 'sim', 'relay', 'manifest'], packages: [], builtins: true },
  },
  {
    name: 'sim-link-ui',
    files: ['sim/link-ui/**'],
    may: { rooms: [], packages: [], builtins: false },
  },
  {
    name: 'sim',
    files: ['sim/**'],
    entries: ['sim/index.ts'],
    may: { rooms: [], packages: ['zod', 'jose', 'esbuild'], builtins: true },
  },
  {
    name: 'relay',
    files: ['relay/**'],
    entries: ['relay/index.ts', 'relay/client.ts'],
    may: {
      rooms: [],
      packages: ['hono', '@hono/node-server', 'jose', 'better-sqlite3', 'zod'],
      builtins: true,
    },
  },
  { name: 'manifest', files: ['package.json'], may: { rooms: [] } },
  {
    name: 'tooling',
    files: ['scripts/**', 'bin/**', 'eslint-rules/**', '*.config.ts', '*.config.js'],
    may: { rooms: 'any', packages: 'any', builtins: true },
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      // Forbidden imports on purpose, linted by tests/architecture/lint-probes.test.ts as if elsewhere.
      'tests/architecture/probes/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'sim/link-ui/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { rooms: { rules: { 'import-rooms': importRooms } } },
    rules: { 'rooms/import-rooms': ['error', { root: import.meta.dirname, rooms }] },
  },
  {
    // The rooms keep electron out of product code; test code and tooling may import any package,
    // but outside the Electron tests they must not load electron either.
    files: ['tests/**', 'bench/**', 'scripts/**', '**/*.test.ts', '**/*.test.tsx'],
    ignores: ['tests/electron/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value='electron']",
          message: "Only src/main/electron and src/preload may load 'electron'.",
        },
      ],
    },
  },
);
