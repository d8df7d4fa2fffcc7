// Lint exists here mainly to enforce the architecture: which package may import which.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import confusingBrowserGlobals from 'confusing-browser-globals';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The domain has no clock and no randomness (they are passed in).
const pureSyntax = [
  { selector: "NewExpression[callee.name='Date']", message: 'the domain has no clock: pass the date in' },
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'the domain has no clock: pass the date in' },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'the domain has no randomness: pass ids in' },
];

// The dashboard's browser modules (decision 170); the rest of the JavaScript runs in Node (decision 173).
const dashboardJs = 'apps/api/src/dashboard/public/js/**/*.js';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**'] },
  // typescript-eslint's parser and rules are for the TypeScript only: unscoped, they would reach the dashboard's JS too.
  ...tseslint.configs.recommended.map((config) => ({ files: ['**/*.ts'], ...config })),
  {
    // The rest of the JavaScript runs in Node as CommonJS: the executables' shims, jest's configs, test support.
    files: ['**/*.js'],
    ignores: [dashboardJs],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs', globals: globals.node },
    rules: {
      ...js.configs.recommended.rules,
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // This file, and any other ES module run by Node.
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: globals.node },
    rules: js.configs.recommended.rules,
  },
  {
    // Plain ES modules served to the browser as they are (no bundler): window's globals, nothing of Node's.
    files: [dashboardJs],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: globals.browser },
    rules: {
      ...js.configs.recommended.rules,
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // window's properties with common names (`name`, `status`, `event`, …) would hide a missing local from no-undef.
      'no-restricted-globals': [
        'error',
        ...confusingBrowserGlobals.map((name) => ({
          name,
          message: `a window property: write \`window.${name}\` if it is meant, else declare the local`,
        })),
      ],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      // `{}` is the right default for io-ts props generics.
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'layer:domain',
              onlyDependOnLibsWithTags: ['layer:domain'],
              allowedExternalImports: ['fp-ts', 'fp-ts/*', 'io-ts', 'io-ts/*', 'fast-check'],
            },
            { sourceTag: 'layer:store', onlyDependOnLibsWithTags: ['layer:domain', 'layer:store'] },
            { sourceTag: 'layer:read', onlyDependOnLibsWithTags: ['layer:domain', 'layer:store', 'layer:read'] },
            // File mechanisms that know nothing of Hearth (keyed-lines): they depend on no library.
            { sourceTag: 'layer:files', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'layer:tooling', onlyDependOnLibsWithTags: ['layer:domain', 'layer:files'] },
            { sourceTag: 'layer:application', onlyDependOnLibsWithTags: ['layer:domain', 'layer:store', 'layer:files'] },
            { sourceTag: 'layer:integration', onlyDependOnLibsWithTags: ['layer:domain', 'layer:store', 'layer:read', 'layer:application'] },
            { sourceTag: 'layer:service', onlyDependOnLibsWithTags: ['layer:domain', 'layer:store', 'layer:read', 'layer:application', 'layer:integration'] },
            { sourceTag: 'type:lib', notDependOnLibsWithTags: ['type:app'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no I/O, no clock, no randomness (they are passed in).
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net'], message: 'the domain does no I/O' }] }],
      'no-restricted-syntax': ['error', ...pureSyntax, { selector: 'ThrowStatement', message: 'errors are values in the domain (Either)' }],
    },
  },
  {
    // The testing entry point stays pure, but a test's misconfiguration (HEARTH_PROPERTY_RUNS
    // that is not a number) stops the run: it is no decision of the domain's.
    files: ['packages/domain/src/testing/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...pureSyntax] },
  },
  {
    // The README's example is written as an embedding service writes it, importing the domain by its package name,
    // and its spec checks that the README shows this very code; it may import nothing else of Hearth.
    files: ['packages/domain/examples/**/*.ts', 'packages/domain/test/embedding-example.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['@hearth/*', '!@hearth/domain', '!@hearth/domain/testing'], message: 'an embedder of the domain needs only @hearth/domain' }] }],
    },
  },
  {
    // The same for the ledger's README example: an embedding service imports the ledger and the domain by name.
    files: ['packages/ledger/examples/**/*.ts', 'packages/ledger/test/intake-example.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['@hearth/*', '!@hearth/domain', '!@hearth/ledger'], message: 'an embedder of the ledger needs only @hearth/ledger and @hearth/domain' }] }],
    },
  },
];
