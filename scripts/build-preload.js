// Builds the sandboxed preload as one CommonJS file: Electron's sandbox loads
// preloads as scripts with a `require` that knows only `electron`, so local
// imports are inlined and `electron` stays external.
import { resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');

await build({
  configFile: false,
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'dist/main/shell'),
    emptyOutDir: false,
    target: 'es2023',
    minify: false,
    sourcemap: false,
    lib: {
      entry: resolve(root, 'main/shell/preload.ts'),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
