import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, 'renderer');

// The hub serves the built renderer from dist/renderer; pages talk to it over HTTP only.
export default defineConfig({
  root,
  base: '/',
  plugins: [svelte()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { board: resolve(root, 'index.html'), admin: resolve(root, 'admin.html') },
    },
  },
});
