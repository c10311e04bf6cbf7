#!/usr/bin/env node
// Entry of `npx marquee`. The TypeScript is compiled to dist/ by `npm install` (prepare) and `npm run build`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('marquee: not built yet; run `npm install` or `npm run build` first\n');
  process.exit(1);
}
await import(cli.href);
