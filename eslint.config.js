import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'http', 'url', 'util', 'zlib', 'events', 'module', 'readline'];

const restrict = (patterns, message, ...more) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }, ...more] }],
});

// handlers/ adapts the contract to domain calls; only the door (dispatch) may reach the table, so
// domains call each other's functions and no handler can be called around the schema check.
const handlersOnlyFromDispatch = {
  group: ['**/backend/handlers', '**/backend/handlers/*', '../handlers', '../handlers/*', './handlers', './handlers/*'],
  message: 'Only main/backend/dispatch.ts imports handlers/: call the domain function (analysis/, assignment/, ...) instead, or go through Backend.',
};

// The layers of ../shared/docs/architecture.md, enforced: shared/ is pure, only main/electron
// touches electron, the renderer never reaches node or main/.
export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'coverage/**', 'test-output/**', 'renderer/dist/**', 'tmp/**', 'bench/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of literals, not enum.' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      ['electron', 'electron/*', ...nodeBuiltins, '**/main/**', '**/renderer/**', 'better-sqlite3', 'react', 'react-dom', 'echarts', 'echarts/*', 'xlsx'],
      'shared/ is pure: no Electron, Node, DOM, database or UI imports, and nothing from main/ or renderer/.',
    ),
  },
  {
    files: ['main/backend/**/*.ts', 'main/cli/**/*.ts', 'bench/**/*.ts'],
    ignores: ['main/backend/dispatch.ts', 'main/backend/handlers/**'],
    rules: restrict(
      ['electron', 'electron/*', '**/renderer/src/**'],
      'Only main/electron imports electron; the backend never imports the renderer.',
      handlersOnlyFromDispatch,
    ),
  },
  {
    files: ['main/backend/dispatch.ts', 'main/backend/handlers/**/*.ts'],
    rules: restrict(['electron', 'electron/*', '**/renderer/src/**'], 'Only main/electron imports electron; the backend never imports the renderer.'),
  },
  {
    // Tests may exercise the renderer's pure modules (chart option builders, formatting), never Electron.
    files: ['test/**/*.ts'],
    rules: restrict(['electron', 'electron/*'], 'Tests run without the Electron binary: test electron-free modules only.', handlersOnlyFromDispatch),
  },
  {
    files: ['main/preload/**/*.ts'],
    rules: restrict([...nodeBuiltins, '**/backend/**', '**/renderer/**'], 'The preload only bridges window.api over IPC.'),
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: restrict(['**/renderer/src/**'], 'The Electron shell never imports renderer code.'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(['electron', 'electron/*', ...nodeBuiltins, '**/main/**', 'better-sqlite3', 'xlsx'], 'The renderer is sandboxed: no Electron, Node or main/ imports; call the backend through src/api.'),
    },
  },
);
