import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * One-way layers (docs/dev/architecture.md): api → lib → sync → features → app, with the shared
 * UI pieces (i18n, hooks, components) between lib and features. Each folder of src/ names the
 * folders it may import from; features may not import each other. Enforced with the built-in
 * `no-restricted-imports` on the relative path: a file `depth` folders below src/ reaches
 * `src/<layer>` with exactly `depth` times `../`. Tests are exempt (they wire layers together).
 */
const LAYERS = {
  api: [],
  lib: ['api'],
  i18n: ['api', 'lib'],
  hooks: ['api', 'lib', 'i18n'],
  components: ['api', 'lib', 'i18n', 'hooks'],
  sync: ['api', 'lib'],
  features: ['api', 'lib', 'i18n', 'hooks', 'components', 'sync'],
  app: ['api', 'lib', 'i18n', 'hooks', 'components', 'sync', 'features'],
};
const TEST_FILES = ['**/*.test.{ts,tsx}', '**/*.testSupport.ts', '**/*TestServer.{ts,tsx}'];
const MAX_DEPTH = 5;

function layerRules() {
  const blocks = [];
  for (const [layer, allowed] of Object.entries(LAYERS)) {
    const forbidden = Object.keys(LAYERS).filter((other) => other !== layer && !allowed.includes(other));
    // `depth` = folders between src/ and the file (src/sync/x.ts: 1).
    for (let depth = 1; depth <= MAX_DEPTH; depth++) {
      const up = `(\\.\\./){${depth}}`;
      const patterns = forbidden.map((other) => ({
        regex: `^${up}${other}(/|$)`,
        message: `${layer}/ may not import ${other}/ (one-way layers: docs/dev/architecture.md).`,
      }));
      if (layer === 'features' && depth >= 2) {
        // src/features/<name>/… reaching src/features/<other>: one `../` fewer than src/.
        patterns.push({
          regex: `^(\\.\\./){${depth - 1}}(?!\\.)[^/]+(/|$)`,
          message: 'Features do not import each other; move what they share to lib/, hooks/ or components/.',
        });
      }
      if (patterns.length === 0) continue;
      blocks.push({
        files: [`src/${layer}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
        ignores: TEST_FILES,
        rules: { 'no-restricted-imports': ['error', { patterns }] },
      });
    }
  }
  return blocks;
}

export default defineConfig([
  globalIgnores(['dist', 'dist-demo', 'dist-cross', 'coverage', 'test-results', 'playwright-report', 'public/mockServiceWorker.js', 'bench/results']),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked, reactHooks.configs.flat.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'User text is rendered as text, never as HTML.' },
      ],
    },
  },
  ...layerRules(),
  {
    files: ['vite.config.ts', 'playwright.config.ts', 'playwright.cross-origin.config.ts', 'scripts/**', 'bench/**', 'test/e2e/**', 'test/cross-origin/**', 'mocks/http/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
]);
