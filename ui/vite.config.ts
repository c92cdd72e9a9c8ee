import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The Tauri shell serves ui/dist; no remote assets, no inline scripts (strict CSP).
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: 'es2022',
    // Keep CSS in a file: the CSP allows styles from 'self' only.
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.ts'],
    // A hang guard, not a speed check (see src/test-setup.ts).
    testTimeout: 30_000,
  },
});
