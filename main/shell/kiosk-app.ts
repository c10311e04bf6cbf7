import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  Menu,
  Notification,
  type NativeImage,
  app,
  dialog,
  globalShortcut,
  nativeImage,
  powerMonitor,
  powerSaveBlocker,
  screen,
  session,
  shell,
} from 'electron';
import { type Hub, startHub } from '../hub.ts';
import { readCaFile } from '../trusted-ca.ts';
import { AdminWindow } from './admin-window.ts';
import { linuxAutostartEntry, linuxAutostartFile } from './autostart.ts';
import { guardSession } from './guard.ts';
import { renderIcon } from './icon.ts';
import { IdleCursor } from './idle-cursor.ts';
import { KioskWindows } from './kiosk-windows.ts';
import { startKioskUpdater } from './kiosk-updater.ts';
import type { FileLogger } from './log-file.ts';
import { encodePng } from '../png.ts';
import { spendRelaunch } from './relaunch-history.ts';
import { loadSettings, type LoadedSettings } from './settings-file.ts';
import { veeziOptions } from './settings.ts';
import { applicationMenu, createTray, type ShellActions } from './tray.ts';
import { localHubOrigin } from './trusted-url.ts';

export interface KioskAppOptions {
  readonly log: FileLogger;
  /** `--demo` on the command line. */
  readonly demo: boolean;
  /** Set by the entry point before any window exists, so every WebContents is guarded. */
  readonly setHubOrigin: (origin: string) => void;
}

/** Shows a fatal start-up problem to whoever is in front of the screen, then exits. */
async function fatal(log: FileLogger, message: string): Promise<void> {
  log.error(message);
  dialog.showErrorBox('Marquee cannot start', message);
  await log.close();
  app.exit(1);
}

const iconImage = (size: number): NativeImage =>
  nativeImage.createFromBuffer(encodePng(size, size, renderIcon(size)));

/** Start at login: Electron's login items on macOS and Windows, an XDG autostart entry on Linux. */
function applyStartAtLogin(enabled: boolean, log: FileLogger): void {
  if (!app.isPackaged) return; // would register the development Electron binary
  try {
    if (process.platform === 'linux') {
      const file = linuxAutostartFile(process.env, homedir());
      if (enabled) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, linuxAutostartEntry(process.env['APPIMAGE'] ?? process.execPath));
      } else if (existsSync(file)) {
        rmSync(file);
      }
    } else {
      app.setLoginItemSettings({ openAtLogin: enabled });
    }
  } catch (err) {
    log.warn('could not change start at login', { error: String(err) });
  }
}

/**
 * The running kiosk, after `ready`: the hub in this process (better-sqlite3's
 * Node-API prebuild loads in Electron as it does in Node), lobby windows on
 * every display, the admin window, tray, shortcut, keep-awake, idle pointer,
 * watchdog and clean shutdown.
 */
export async function runKioskApp(options: KioskAppOptions): Promise<void> {
  const { log } = options;
  const userData = app.getPath('userData');
  let loaded: LoadedSettings = loadSettings(userData);
  for (const warning of loaded.warnings) log.warn(`settings: ${warning}`, { file: loaded.file });
  const { settings } = loaded;
  const locked = app.isPackaged;

  let ca: string[] | undefined;
  if (settings.hub.caFile) {
    try {
      ca = readCaFile(settings.hub.caFile);
    } catch (err) {
      // Not fatal: the board still runs from the database; the relay shows the TLS failure.
      log.warn(`settings: hub.caFile: ${(err as Error).message}`);
    }
  }

  let hub: Hub;
  try {
    hub = await startHub({
      dataDir: join(userData, 'data'),
      host: settings.hub.host,
      port: settings.hub.port,
      allowedHosts: settings.hub.allowedHosts,
      demo: settings.demo || options.demo,
      log,
      ...(settings.upstream && { upstream: settings.upstream }),
      ...(settings.veezi && { veezi: veeziOptions(settings.veezi) }),
      ...(ca && { ca }),
      ...(process.env['MARQUEE_ADMIN_PASSWORD'] && { adminPassword: process.env['MARQUEE_ADMIN_PASSWORD'] }),
    });
  } catch (err) {
    return fatal(
      log,
      `The hub could not start on ${settings.hub.host}:${settings.hub.port}: ${(err as Error).message}`,
    );
  }
  const hubOrigin = localHubOrigin(settings.hub.host, hub.port);
  // Installed builds only: a development Electron has no installer to update.
  const stopUpdater = app.isPackaged ? startKioskUpdater(settings.updates, hub, log) : () => {};
  options.setHubOrigin(hubOrigin);
  guardSession(session.defaultSession, hubOrigin, log);
  log.info('kiosk started', {
    hub: hub.url,
    userData,
    electron: process.versions.electron,
    packaged: locked,
  });

  let shutdown: 'running' | 'closing' | 'closed' = 'running';
  const relaunch = (reason: string): boolean => {
    const { maxRelaunches, relaunchWindowMinutes } = settings.kiosk.watchdog;
    const file = join(userData, 'relaunches.json');
    if (!spendRelaunch(file, Date.now(), maxRelaunches, relaunchWindowMinutes * 60_000)) {
      log.error('relaunch budget spent; not relaunching', { reason });
      return false;
    }
    log.warn('relaunching', { reason });
    app.relaunch();
    app.quit();
    return true;
  };

  // A system shutdown or log-off is a quit too: SQLite gets closed if there is time.
  powerMonitor.on('shutdown', () => app.quit());
  app.on('browser-window-created', (_event, window) => window.on('session-end', () => app.quit()));

  // Windows and macOS take the window icon from the installed app; Linux needs it given.
  const icon = process.platform === 'linux' ? iconImage(128) : undefined;
  const kiosk = new KioskWindows({
    hubOrigin,
    preload: join(import.meta.dirname, 'preload.cjs'),
    locked,
    kiosk: settings.kiosk,
    escalate: relaunch,
    log,
    ...(icon && { icon }),
  });
  const syncDisplays = () => {
    const displays = screen.getAllDisplays();
    // Operators key display roles by these ids in settings.json.
    log.info('displays', { displays: displays.map((d) => ({ id: d.id, label: d.label, bounds: d.bounds })) });
    kiosk.sync(displays, loaded.settings);
  };
  screen.on('display-added', syncDisplays);
  screen.on('display-removed', syncDisplays);
  screen.on('display-metrics-changed', syncDisplays);
  syncDisplays();

  const admin = new AdminWindow({
    hubOrigin,
    locked,
    warnings: () => loaded.warnings,
    settingsFile: loaded.file,
    log,
    ...(icon && { icon }),
  });
  const actions: ShellActions = {
    openAdmin: () => admin.open(),
    reloadDisplays: () => {
      loaded = loadSettings(userData);
      for (const warning of loaded.warnings) log.warn(`settings: ${warning}`, { file: loaded.file });
      syncDisplays();
    },
    showSettingsFile: () => shell.showItemInFolder(loaded.file),
    restart: () => {
      app.relaunch();
      app.quit();
    },
    quit: () => app.quit(),
  };
  Menu.setApplicationMenu(applicationMenu(actions, settings.adminShortcut));
  if (!globalShortcut.register(settings.adminShortcut, () => actions.openAdmin())) {
    log.warn('admin shortcut is taken by another program; use the tray menu', {
      shortcut: settings.adminShortcut,
    });
  }
  let tray: ReturnType<typeof createTray> | undefined;
  try {
    tray = createTray(iconImage(process.platform === 'darwin' ? 22 : 32), actions, settings.adminShortcut);
  } catch (err) {
    log.warn('no tray on this desktop; use the admin shortcut', { error: String(err) });
  }
  app.on('second-instance', () => admin.open());
  // Lobby screens may all be off; the hub keeps serving LAN screens regardless.
  app.on('window-all-closed', () => {});

  const blocker = settings.kiosk.preventDisplaySleep
    ? powerSaveBlocker.start('prevent-display-sleep')
    : undefined;
  const idle =
    settings.kiosk.hideCursorAfterSeconds > 0
      ? new IdleCursor({
          idleMs: settings.kiosk.hideCursorAfterSeconds * 1_000,
          position: () => screen.getCursorScreenPoint(),
          setHidden: (hidden) => kiosk.setCursorHidden(hidden),
        })
      : undefined;
  applyStartAtLogin(settings.kiosk.startAtLogin, log);

  if (loaded.warnings.length > 0 && Notification.isSupported()) {
    new Notification({
      title: 'Marquee: settings problem',
      body: `${loaded.warnings.length} setting(s) could not be used; defaults are in effect. Open the admin for details.`,
    }).show();
  }

  // Quitting waits for the hub to close SQLite cleanly (WAL checkpoint, no torn writes).
  app.on('before-quit', (event) => {
    if (shutdown === 'closed') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    log.info('shutting down');
    idle?.stop();
    stopUpdater();
    if (blocker !== undefined) powerSaveBlocker.stop(blocker);
    globalShortcut.unregisterAll();
    tray?.destroy();
    kiosk.closeAll();
    admin.close();
    hub
      .close()
      .catch((err: unknown) => log.error('hub did not close cleanly', { error: String(err) }))
      .finally(() => {
        log.info('stopped');
        shutdown = 'closed';
        void log.close().finally(() => app.quit());
      });
  });
}
