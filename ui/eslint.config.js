import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'src/lib/ipc/bindings.ts'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
  {
    rules: {
      // Mail and notes are untrusted text: never render them as HTML.
      'svelte/no-at-html-tags': 'error',
      // Only src/lib/ipc/ talks to Tauri (one IPC boundary).
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@tauri-apps/*'], message: 'Talk to Tauri only through src/lib/ipc/.' }] },
      ],
    },
  },
  {
    files: ['src/lib/ipc/**', 'src/main.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
