// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The rooms of ARCHITECTURE.md: a folder says where its code may run, and this table keeps
 * the imports honest. Each entry lists module patterns a room must not import.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'child_process', 'net', 'url'];
const electron = ['electron', 'electron/*'];
const room = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
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
  room(
    ['src/shared/**'],
    [...nodeBuiltins, ...electron, 'react', 'react-*', '**/main/**', '**/renderer/**', '**/sim/**'],
    'src/shared runs everywhere: it may import only zod and other shared modules.',
  ),
  room(
    ['src/main/services/**'],
    [
      ...electron,
      'react',
      'react-*',
      '**/main/electron/**',
      '**/main/host/**',
      '**/renderer/**',
      '**/cli/**',
    ],
    'src/main/services is Electron-free Node code: no electron, no UI, no transports.',
  ),
  room(
    ['src/main/host/**'],
    [...electron, 'react', 'react-*', '**/main/electron/**', '**/renderer/**'],
    'The browser host is plain Node: it must not import electron or the renderer.',
  ),
  room(
    ['src/main/electron/**'],
    ['react', 'react-*', '**/renderer/**', '**/main/host/**'],
    'Electron main code may use services and shared, never the renderer or the browser host.',
  ),
  room(
    ['src/preload/**'],
    [...nodeBuiltins, '**/main/**', '**/renderer/**', '**/sim/**', 'electron/*'],
    'The sandboxed preload may import only shared and electron (contextBridge, ipcRenderer).',
  ),
  room(
    ['src/renderer/**'],
    [...nodeBuiltins, ...electron, '**/main/**', '**/preload/**', '**/sim/**', '**/cli/**'],
    'The renderer runs in Chromium: it talks to main only through the API client of src/shared.',
  ),
  room(
    ['sim/**'],
    [...electron, '**/src/main/**', '**/src/renderer/**', '**/src/cli/**', 'react', 'react-*'],
    'The simulator stands for Plaid: it must not know the app.',
  ),
  room(
    ['relay/**'],
    [...electron, 'react', 'react-*', '**/src/**', '**/sim/**', 'plaid', '@napi-rs/*'],
    'The relay runs on a server: hono, @hono/node-server, jose, better-sqlite3, zod and node:* only; never the app or the simulator.',
  ),
  room(
    ['src/cli/**'],
    [...electron, '**/renderer/**', '**/main/electron/**'],
    'The CLI is plain Node over services, host and sim.',
  ),
  {
    // Only the Electron shell and the preload may touch electron; this catches require() too.
    files: ['src/**', 'sim/**', 'relay/**', 'tests/**', 'bench/**', 'scripts/**'],
    ignores: ['src/main/electron/**', 'src/preload/**', 'tests/electron/**'],
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
