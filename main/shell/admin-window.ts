import { BrowserWindow, type NativeImage, dialog } from 'electron';
import type { Logger } from '../log.ts';
import { hardenedWebPreferences, isBlockedShortcut } from './hardening.ts';
import { isTrustedUrl } from './trusted-url.ts';

export interface AdminWindowOptions {
  readonly hubOrigin: string;
  readonly locked: boolean;
  /** Problems with settings.json, shown to staff the first time the admin opens. */
  readonly warnings: () => readonly string[];
  readonly settingsFile: string;
  readonly log: Logger;
  readonly icon?: NativeImage;
}

/**
 * The staff window: the hub's /admin page (which asks for the admin password
 * itself), in an ordinary window above the lobby screens. No preload: the
 * admin needs nothing from the shell.
 */
export class AdminWindow {
  readonly #options: AdminWindowOptions;
  #window: BrowserWindow | undefined;
  #warned = false;

  constructor(options: AdminWindowOptions) {
    this.#options = options;
  }

  get window(): BrowserWindow | undefined {
    return this.#window;
  }

  open(): void {
    const existing = this.#window;
    if (existing && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return;
    }
    const { hubOrigin, locked, log } = this.#options;
    const window = new BrowserWindow({
      width: 1280,
      height: 860,
      show: false,
      title: 'Marquee admin',
      autoHideMenuBar: true,
      // Lobby windows are fullscreen and on top; staff must see this one.
      alwaysOnTop: true,
      ...(this.#options.icon && { icon: this.#options.icon }),
      webPreferences: hardenedWebPreferences({ devTools: !locked }),
    });
    this.#window = window;
    window.on('closed', () => {
      if (this.#window === window) this.#window = undefined;
    });
    // A link to another hub page (a board preview) may open a window; nothing else.
    window.webContents.setWindowOpenHandler(({ url }) => {
      if (!isTrustedUrl(url, hubOrigin)) {
        log.warn('new window blocked', { url });
        return { action: 'deny' };
      }
      return {
        action: 'allow',
        overrideBrowserWindowOptions: {
          autoHideMenuBar: true,
          webPreferences: hardenedWebPreferences({ devTools: !locked }),
        },
      };
    });
    window.webContents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input, { locked, kiosk: false, platform: process.platform }))
        event.preventDefault();
    });
    window.once('ready-to-show', () => {
      window.show();
      window.focus();
      this.#showWarnings(window);
    });
    void window.loadURL(`${hubOrigin}/admin`).catch((err: unknown) => {
      log.error('admin page failed to load', { error: String(err) });
    });
  }

  close(): void {
    if (this.#window && !this.#window.isDestroyed()) this.#window.destroy();
  }

  #showWarnings(window: BrowserWindow): void {
    const warnings = this.#options.warnings();
    if (this.#warned || warnings.length === 0) return;
    this.#warned = true;
    void dialog.showMessageBox(window, {
      type: 'warning',
      title: 'Marquee settings',
      message: 'Some settings could not be used; their defaults are in effect.',
      detail: `${warnings.join('\n')}\n\nFix ${this.#options.settingsFile} and restart Marquee.`,
      buttons: ['OK'],
    });
  }
}
