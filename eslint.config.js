import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering rules of DESIGN.md, enforced. ESLint replaces a rule's options
 * for files matched by a later block instead of merging them, so every folder's
 * block is built from the restrictions that apply to all of main/ plus its own.
 */
function boundaries() {
  const rule = (...rules) => ({
    'no-restricted-imports': [
      'error',
      {
        paths: rules.flatMap((r) => r.paths ?? []),
        patterns: rules.flatMap((r) => r.patterns ?? []),
      },
    ],
  });
  const electronInShellOnly = {
    paths: [{ name: 'electron', message: 'Electron is imported only in main/shell/.' }],
  };
  const shellImportsNothingElse = {
    patterns: [{ regex: '(^|/)shell/', message: 'Only main/shell/ imports the shell.' }],
  };
  const main = [electronInShellOnly, shellImportsNothingElse];
  return [
    { files: ['main/**/*.ts'], ignores: ['main/shell/**'], rules: rule(...main) },
    {
      files: ['main/domain/**/*.ts'],
      rules: rule(...main, {
        patterns: [
          {
            group: ['node:*', 'better-sqlite3'],
            message: 'The domain is pure: no Node, no Electron, no DOM.',
          },
          { regex: '^\\.\\./', message: 'The domain imports nothing from the rest of main/.' },
        ],
      }),
    },
    {
      files: ['main/store/**/*.ts'],
      rules: rule(...main, {
        patterns: [
          {
            regex: '(^|/)(sse|api|relay)/',
            message: 'The store knows nothing of streams, routes or the relay.',
          },
        ],
      }),
    },
    {
      // Posters are one part with its own routes; the API knows nothing of it (no cycle).
      files: ['main/api/**/*.ts'],
      rules: rule(...main, {
        patterns: [
          { regex: '(^|/)posters/', message: 'The API does not import posters/; the hub wires it in.' },
        ],
      }),
    },
    {
      files: ['main/relay/**/*.ts', 'main/sse/**/*.ts'],
      rules: rule(...main, {
        patterns: [
          { regex: '(^|/)api/', message: 'The relay and the event streams do not import the HTTP API.' },
        ],
      }),
    },
    {
      files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
      rules: rule(shellImportsNothingElse, electronInShellOnly, {
        patterns: [
          { regex: '(^|/)main/(?!domain/)', message: 'The renderer imports only main/domain/ from main/.' },
          { group: ['node:*', 'better-sqlite3'], message: 'The renderer runs in a browser: no Node.' },
        ],
      }),
    },
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', '.native/', 'test-results/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'] },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // Plain JavaScript (config, scripts, the bin shim) is outside the TypeScript project.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The type service sees an imported .svelte component (its props, its snippets) as
    // `any`, so these rules would flag every use of one; svelte-check types them instead.
    // In tests, vitest's asymmetric matchers (expect.any, …) and JSON.parse are `any` by
    // design. Every other type-aware rule stays on in both.
    files: ['**/*.svelte', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  ...boundaries(),
);
