import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const pureCoreMessage =
  'annotations/ is the pure domain core: only annotations/node/ may use Node, Electron, React or the DOM.';

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', '.test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['annotations/**/*.ts'],
    ignores: ['annotations/node/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'http', 'crypto', 'child_process'], message: pureCoreMessage },
            {
              group: ['electron', 'react', 'react-dom', '@codemirror/*', 'lowdb', 'lowdb/*'],
              message: pureCoreMessage,
            },
            { group: ['./node/*', '../node/*'], message: pureCoreMessage },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Factmark does not use the React Compiler; TanStack Virtual is fine without it.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/annotations/node/*', 'electron', 'node:*'],
              message: 'The renderer reaches the core only through its client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'electron/**/*.ts',
      'annotations/node/**/*.ts',
      'scripts/**/*.{ts,mjs}',
      'tests/**/*.ts',
      '*.config.{ts,js}',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    // Playwright fixtures take `{}` when they use no other fixture.
    files: ['tests/e2e-*/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
