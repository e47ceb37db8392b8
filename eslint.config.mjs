// Lint: typescript-eslint's recommended rules over the TypeScript sources; formatting is Prettier's (npm run lint checks both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '**/node_modules/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // tsc (noUnusedLocals, noUnusedParameters) already reports these, with the project's own exceptions.
      '@typescript-eslint/no-unused-vars': 'off',
      // Non-null assertions mark what the format guarantees once validated; each one is a reviewed choice.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
