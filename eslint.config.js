// Rove's linter (`npm run lint`, part of `npm test`, 0 warnings allowed). Few rules, each for a reason:
// - import boundaries between the folders (eslint/boundaries.js), so the layering cannot drift;
// - no floating promises: an un-awaited promise is a lost error, or a write that lands after the reply;
// - functions of at most 120 lines of code (blank lines and comments not counted): past about two
//   screens a function holds several steps that want names. Test files are exempt: a `describe` body
//   is a list of independent cases, not one procedure;
// - the recommended sets of ESLint and typescript-eslint, with the two exceptions below.
// Type-aware rules need TypeScript's compiler API, which TypeScript 7 does not have: in package.json
// `typescript` is 6.0 (the API typescript-eslint loads) and `@typescript/native` is TypeScript 7,
// whose `tsc` binary type-checks the project.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundariesRule } from './eslint/boundaries.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'server/db/migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['web/vite.config.ts', 'web/scripts/*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { rove: { rules: { boundaries: boundariesRule } } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'rove/boundaries': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true, IIFEs: true }],
      // Typed arrays are read with `!` under noUncheckedIndexedAccess, where the index is known good.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // A leading `_` marks a name kept for its position (a parameter, a destructured field).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  { files: ['test/**/*.ts'], rules: { 'max-lines-per-function': 'off' } },
  { files: ['**/*.js'], languageOptions: { globals: { console: 'readonly', process: 'readonly' } } },
);
