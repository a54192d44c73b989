// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Dependencies point one way (ARCHITECTURE.md): contracts ← core ← db, adapters ← server; web → contracts. */
const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((group) => ({
          group: [group],
          message: 'This import breaks the dependency direction (see ARCHITECTURE.md).',
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['**/dist/', '**/node_modules/', 'data/', 'coverage/', 'test-results/', 'packages/db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...tseslint.configs.stylistic,
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node } },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'apps/web/tsconfig.json'],
          conditionNames: ['@agent-fleet/source', 'types', 'import', 'default'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  layer(['packages/contracts/**'], ['@agent-fleet/*']),
  layer(['packages/core/**'], ['@agent-fleet/db', '@agent-fleet/adapters', '@agent-fleet/server', '@agent-fleet/web', 'express']),
  // Core's tests may use the test kit (the fake LLM server, factories); its production code may not.
  {
    ...layer(
      ['packages/core/**'],
      ['@agent-fleet/db', '@agent-fleet/adapters', '@agent-fleet/server', '@agent-fleet/testing', '@agent-fleet/web', 'express'],
    ),
    ignores: ['**/*.test.ts'],
  },
  layer(['packages/db/**', 'packages/adapters/**'], ['@agent-fleet/server', '@agent-fleet/web', 'express']),
  // Production code of db and adapters must not reach the test kit; their tests run its contract suites.
  {
    ...layer(
      ['packages/db/**', 'packages/adapters/**'],
      ['@agent-fleet/server', '@agent-fleet/web', '@agent-fleet/testing', 'express'],
    ),
    ignores: ['**/*.test.ts'],
  },
  layer(
    ['apps/web/**'],
    ['@agent-fleet/core', '@agent-fleet/db', '@agent-fleet/adapters', '@agent-fleet/server', '@agent-fleet/testing'],
  ),
  prettier,
);
