// Writes build/icon.png (1024 × 1024) from main/shell/icon.ts; electron-builder
// derives the Windows .ico, macOS .icns and Linux sizes from it. Run after
// `npm run build:main` whenever the icon's drawing changes, and commit the PNG.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const dist = (name) => pathToFileURL(join(root, 'dist', 'main', 'shell', name)).href;
const { renderIcon } = await import(dist('icon.js'));
const { encodePng } = await import(dist('png.js'));

export const ICON_SIZE = 1024;
mkdirSync(join(root, 'build'), { recursive: true });
const file = join(root, 'build', 'icon.png');
writeFileSync(file, encodePng(ICON_SIZE, ICON_SIZE, renderIcon(ICON_SIZE)));
process.stderr.write(`wrote ${file}\n`);
