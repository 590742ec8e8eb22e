'use strict'
// The JS linter: eslint's recommended rules for Node.js (CommonJS files, ES modules in .mjs);
// formatting is prettier's (.prettierrc.json). `npm run lint` runs both.

const js = require('@eslint/js')
const globals = require('globals')

module.exports = [
  {
    ignores: ['binding.js', 'binding.d.ts', 'node_modules/**', 'target/**', 'fuzz/**', 'npm/**', '.cache/**', 'crates/**/target/**'],
  },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
  },
  {
    rules: {
      // unused arguments document a signature, `_` names and rest siblings drop what they omit,
      // and an unused caught error is the point of its catch
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // `catch {}`: a failure that is expected and has nothing to do
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
]
