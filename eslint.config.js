// Lint rules, including the import boundaries of the house style (README, Development): only src/entry/ and the
// storage adapters may touch Node or database drivers; the core stays Web-standard.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_ONLY = [
  {
    group: ['node:*', 'fs', 'path', 'os', 'child_process'],
    message: 'Node APIs belong in src/entry/ or src/storage/adapters/.',
  },
  { group: ['cloudflare:*'], message: 'Workers APIs belong in src/entry/ or src/storage/adapters/.' },
  {
    group: ['better-sqlite3', 'pg', '@hono/node-server'],
    message: 'Drivers and servers are chosen in src/entry/ only.',
  },
  { group: ['**/entry/*', '**/storage/adapters/*'], message: 'Only src/entry/ picks concrete adapters.' },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      'coverage/',
      '.wrangler/',
      'data/',
      'src/generated/',
      'src/http/pages/generated/',
      'package/',
      'profiles/fsh-generated/',
      '.fhir-home/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a const object and a derived union instead of enum.' },
        { selector: "CallExpression[callee.name='eval']", message: 'No code generation at request time (Workers).' },
        { selector: "NewExpression[callee.name='Function']", message: 'No code generation at request time (Workers).' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/entry/**', 'src/storage/adapters/**', 'src/cli/**', 'src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NODE_ONLY }] },
  },
);
