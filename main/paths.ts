import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding Marquee's package.json, from source (`main/`) or build (`dist/main/`). */
export function packageRoot(from = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'marquee')
      return dir;
    if (dirname(dir) === dir) throw new Error(`package.json of marquee not found above ${from}`);
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** Where `vite build` puts the renderer. */
export const defaultRendererDir = (): string => join(packageRoot(), 'dist', 'renderer');
