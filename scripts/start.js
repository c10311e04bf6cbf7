// `npm start` (after `npm run build`): the kiosk from this checkout, with the
// demo venue. Makes sure better-sqlite3 has its Electron build first, then
// runs Electron on the package; extra arguments go to the app, e.g.
//   npm start -- --user-data-dir=/tmp/marquee-kiosk
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

const native = spawnSync(process.execPath, [join(root, 'scripts', 'native-binding.js')], {
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
const binding = native.stdout?.trim();
if (native.status !== 0 || !binding) {
  process.stderr.write('npm start: the Electron build of better-sqlite3 is not available (see above).\n');
  process.exit(native.status || 1);
}

let electron;
try {
  // The electron package exports the path of its binary, and throws when it was never downloaded.
  electron = createRequire(join(root, 'package.json'))('electron');
} catch (err) {
  process.stderr.write(
    `npm start: Electron's binary is not installed (${err.message.split('\n')[0]}).\n` +
      'It is skipped when ELECTRON_SKIP_BINARY_DOWNLOAD is set; with internet access run\n' +
      '`node node_modules/electron/install.js`, then `npm start` again.\n',
  );
  process.exit(1);
}

// Inherited from an editor's terminal, ELECTRON_RUN_AS_NODE would run the app as plain Node.
const env = { ...process.env, MARQUEE_NATIVE_BINDING: binding };
delete env.ELECTRON_RUN_AS_NODE;

const child = spawn(electron, [root, '--demo', ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
