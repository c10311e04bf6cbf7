// Entry of the Electron main process (package.json "main"). Everything that
// must happen before `ready` is here, synchronously: the user-data folder, the
// single-instance lock, and the guard every WebContents gets at creation.
import { join, resolve } from 'node:path';
import { app } from 'electron';
import { guardContents } from './guard.ts';
import { runKioskApp } from './kiosk-app.ts';
import { fileLogger } from './log-file.ts';
import { parseShellArgs } from './shell-args.ts';

const args = parseShellArgs(process.argv);
app.setName('Marquee');
// Electron names the folder after package.json ("marquee") in development and
// productName ("Marquee") when installed; one name keeps the two on one profile.
app.setPath(
  'userData',
  args.userDataDir ? resolve(args.userDataDir) : join(app.getPath('appData'), 'Marquee'),
);
if (process.platform === 'win32') app.setAppUserModelId('com.marquee.kiosk');

if (!app.requestSingleInstanceLock()) {
  // Another Marquee owns this user-data folder (and its database); it opens its admin instead.
  app.quit();
} else {
  const log = fileLogger(resolve(app.getPath('userData'), 'logs'));
  // No page may navigate before the hub's origin is known: until then nothing is trusted.
  let hubOrigin = 'null:';
  const policy = {
    get hubOrigin() {
      return hubOrigin;
    },
    locked: app.isPackaged,
    log,
  };
  app.on('web-contents-created', (_event, contents) => guardContents(contents, policy));
  process.on('uncaughtException', (err) =>
    log.error('uncaught exception in the main process', { error: err.stack }),
  );
  process.on('unhandledRejection', (err) =>
    log.error('unhandled rejection in the main process', { error: String(err) }),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

  app
    .whenReady()
    .then(() => runKioskApp({ log, demo: args.demo, setHubOrigin: (origin) => (hubOrigin = origin) }))
    .catch((err: unknown) => {
      log.error('kiosk failed to start', { error: err instanceof Error ? err.stack : String(err) });
      app.exit(1);
    });
}
