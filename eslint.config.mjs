// Lint exists here mainly to enforce the architecture: which package may import which.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
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
            { sourceTag: 'layer:tooling', onlyDependOnLibsWithTags: ['layer:domain'] },
            { sourceTag: 'layer:integration', onlyDependOnLibsWithTags: ['layer:domain', 'layer:store', 'layer:read'] },
            { sourceTag: 'type:lib', notDependOnLibsWithTags: ['type:app'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
    },
  },
];
