import { BrowserWindow, type NativeImage } from 'electron';
import type { Logger } from '../log.ts';
import { type KioskAssignment, type ScreenDisplay, assignDisplays, planWindows } from './display-roles.ts';
import { hardenedWebPreferences, isBlockedShortcut } from './hardening.ts';
import { HIDE_CURSOR_CSS } from './idle-cursor.ts';
import { displayArgument } from './kiosk-display.ts';
import type { Settings } from './settings.ts';
import { type Escalate, RendererWatchdog } from './watchdog.ts';

export interface KioskWindowsOptions {
  readonly hubOrigin: string;
  /** Absolute path of dist/main/shell/preload.cjs. */
  readonly preload: string;
  /** Packaged build: no DevTools, no reload keys. */
  readonly locked: boolean;
  readonly kiosk: Settings['kiosk'];
  /** Relaunches the app when a window keeps failing; false once that budget is spent. */
  readonly escalate: Escalate;
  readonly log: Logger;
  readonly icon?: NativeImage;
}

interface LobbyWindow {
  readonly window: BrowserWindow;
  readonly key: string;
  readonly watchdog: RendererWatchdog;
  /** Key of the cursor-hiding CSS while it is inserted. */
  cursorCss?: Promise<string>;
}

const failurePage = (message: string) =>
  'data:text/html;charset=utf-8,' +
  encodeURIComponent(
    `<!doctype html><meta charset="utf-8"><title>Marquee</title>` +
      `<body style="margin:0;display:grid;place-items:center;height:100vh;background:#16112a;color:#fff1c2;font:24px system-ui,sans-serif">` +
      `<p style="max-width:40em;text-align:center">${message.replace(/[<>&]/g, '')}<br><br>Staff: open the admin (tray menu or shortcut) or restart the PC.</p>`,
  );

/**
 * The lobby windows: one per display whose role is not `off`, fullscreen on
 * that display, each watched by a RendererWatchdog. `sync` follows displays
 * being added, removed or moved, touching only windows that must change.
 */
export class KioskWindows {
  readonly #options: KioskWindowsOptions;
  readonly #open = new Map<string, LobbyWindow>();
  #cursorHidden = false;
  #closingAll = false;

  constructor(options: KioskWindowsOptions) {
    this.#options = options;
  }

  get windows(): BrowserWindow[] {
    return [...this.#open.values()].map((w) => w.window);
  }

  sync(displays: readonly ScreenDisplay[], roles: Pick<Settings, 'displays' | 'otherDisplays'>): void {
    if (this.#closingAll) return;
    const current = new Map([...this.#open].map(([id, w]) => [id, w.key]));
    const plan = planWindows(current, assignDisplays(displays, roles));
    for (const id of plan.close) this.#close(id);
    for (const assignment of plan.open) this.#openWindow(assignment);
    if (plan.close.length || plan.open.length) {
      this.#options.log.info('lobby windows', {
        closed: plan.close,
        opened: plan.open.map((a) => ({ display: a.display.id, path: a.path })),
      });
    }
  }

  setCursorHidden(hidden: boolean): void {
    this.#cursorHidden = hidden;
    for (const lobby of this.#open.values()) this.#applyCursor(lobby);
  }

  /** Closes every lobby window; from here on `sync` does nothing (the app is quitting). */
  closeAll(): void {
    this.#closingAll = true;
    for (const id of [...this.#open.keys()]) this.#close(id);
  }

  #openWindow(a: KioskAssignment): void {
    const { hubOrigin, preload, locked, kiosk, log } = this.#options;
    const window = new BrowserWindow({
      ...a.bounds,
      show: false,
      frame: false,
      autoHideMenuBar: true,
      backgroundColor: '#000000',
      title: a.display.role === 'door' ? `Marquee door ${a.display.auditoriumId}` : 'Marquee',
      ...(this.#options.icon && { icon: this.#options.icon }),
      webPreferences: hardenedWebPreferences({
        preload,
        additionalArguments: [displayArgument(a.display)],
        devTools: !locked,
        // The clock drives the board ("seating now"); a covered window must keep ticking.
        backgroundThrottling: false,
      }),
    });
    const contents = window.webContents;
    const url = hubOrigin + a.path;
    const watchdog = new RendererWatchdog(
      {
        reload: () => void window.loadURL(url).catch(() => {}),
        crash: () => contents.forcefullyCrashRenderer(),
        showFailure: (message) => {
          log.error('lobby window gave up', { display: a.display.id, message });
          void window.loadURL(failurePage(message)).catch(() => {});
        },
      },
      {
        unresponsiveMs: kiosk.watchdog.unresponsiveSeconds * 1_000,
        maxReloads: kiosk.watchdog.maxReloads,
        reloadWindowMs: kiosk.watchdog.reloadWindowMinutes * 60_000,
      },
      (reason) => this.#options.escalate(`display ${a.display.id}: ${reason}`),
    );
    const lobby: LobbyWindow = { window, key: a.key, watchdog };
    this.#open.set(a.display.id, lobby);

    window.setMenuBarVisibility(false);
    contents.setVisualZoomLevelLimits(1, 1).catch(() => {});
    contents.on('render-process-gone', (_event, details) => {
      log.warn('lobby renderer gone', {
        display: a.display.id,
        reason: details.reason,
        exitCode: details.exitCode,
      });
      lobby.cursorCss = undefined;
      watchdog.gone(details.reason);
    });
    window.on('unresponsive', () => {
      log.warn('lobby renderer unresponsive', { display: a.display.id });
      watchdog.unresponsive();
    });
    window.on('responsive', () => watchdog.responsive());
    contents.on('did-fail-load', (_event, code, description, failedUrl, isMainFrame) => {
      if (!isMainFrame) return;
      log.warn('lobby page failed to load', { display: a.display.id, code, description, url: failedUrl });
      watchdog.loadFailed(code);
    });
    contents.on('did-finish-load', () => {
      lobby.cursorCss = undefined;
      this.#applyCursor(lobby);
    });
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input, { locked, kiosk: true, platform: process.platform }))
        event.preventDefault();
    });
    // Alt+F4 and the like must not blank a lobby screen; only sync and quitting close one.
    window.on('close', (event) => {
      if (this.#open.get(a.display.id)?.window === window) event.preventDefault();
    });
    const show = () => {
      if (window.isDestroyed() || window.isVisible()) return;
      window.showInactive();
      if (kiosk.fullscreen) window.setKiosk(true);
    };
    window.once('ready-to-show', show);
    // A page that never paints still gets its screen, black, rather than none.
    setTimeout(show, 10_000).unref();
    void window.loadURL(url).catch(() => {
      // did-fail-load has the details and the watchdog retries.
    });
  }

  #close(id: string): void {
    const lobby = this.#open.get(id);
    if (!lobby) return;
    this.#open.delete(id);
    lobby.watchdog.dispose();
    if (!lobby.window.isDestroyed()) lobby.window.destroy();
  }

  #applyCursor(lobby: LobbyWindow): void {
    const contents = lobby.window.webContents;
    if (lobby.window.isDestroyed() || contents.isLoading()) return;
    if (this.#cursorHidden && !lobby.cursorCss) {
      lobby.cursorCss = contents.insertCSS(HIDE_CURSOR_CSS, { cssOrigin: 'user' });
      lobby.cursorCss.catch(() => (lobby.cursorCss = undefined));
    } else if (!this.#cursorHidden && lobby.cursorCss) {
      const inserted = lobby.cursorCss;
      lobby.cursorCss = undefined;
      void inserted.then((key) => contents.removeInsertedCSS(key)).catch(() => {});
    }
  }
}
