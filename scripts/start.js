// `npm start` (after `npm run build`): the kiosk from this checkout, with the
// demo venue. Extra arguments go to the app, e.g.
//   npm start -- --user-data-dir=/tmp/marquee-kiosk
// better-sqlite3 needs nothing here: its Node-API prebuild loads in Electron as in Node.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const { findElectronBinary } = await import(
  pathToFileURL(join(root, 'dist', 'main', 'shell', 'electron-binary.js')).href
);

let electronDir;
try {
  electronDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
} catch {
  process.stderr.write('npm start: the electron package is not installed; run `npm install` first.\n');
  process.exit(1);
}

// Not require('electron'): since Electron 42 that downloads the binary when it is
// missing, which hangs without a route to the download host instead of saying so.
const electron = findElectronBinary(electronDir);
if (!electron.ok) {
  process.stderr.write(
    `npm start: the kiosk needs Electron's own binary, and ${electron.reason}.\n` +
      'Where the internet is reachable, `npx install-electron` downloads it (about 100 MB, once),\n' +
      'then run `npm start` again. Without it, `npx marquee serve --demo --data DIR` runs the\n' +
      'same hub headless for a browser.\n',
  );
  process.exit(1);
}

// Inherited from an editor's terminal, ELECTRON_RUN_AS_NODE would run the app as plain Node.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;

const child = spawn(electron.path, [root, '--demo', ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
