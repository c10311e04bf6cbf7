import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../main/log.ts';
import { parseSettings } from '../../../main/shell/settings.ts';

// KioskWindows against a stand-in for Electron's BrowserWindow (the binary is
// not installed here): what the shell asks of each window, and when. That the
// real BrowserWindow honours it is electron-kiosk.test.ts's job.

class FakeContents extends EventEmitter {
  readonly loaded: string[] = [];
  readonly css = new Map<string, string>();
  crashed = 0;
  #cssKeys = 0;
  setVisualZoomLevelLimits = vi.fn(() => Promise.resolve());
  isLoading = () => false;
  forcefullyCrashRenderer = () => void this.crashed++;
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  insertCSS(css: string, options: { cssOrigin: string }) {
    const key = `css-${++this.#cssKeys}`;
    this.css.set(key, `${options.cssOrigin}:${css}`);
    return Promise.resolve(key);
  }
  removeInsertedCSS(key: string) {
    this.css.delete(key);
    return Promise.resolve();
  }
}

class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  readonly webContents = new FakeContents();
  destroyed = false;
  visible = false;
  kiosk = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.all.push(this);
  }
  loadURL(url: string) {
    return this.webContents.loadURL(url);
  }
  setMenuBarVisibility() {}
  showInactive() {
    this.visible = true;
  }
  isVisible() {
    return this.visible;
  }
  setKiosk(on: boolean) {
    this.kiosk = on;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
  /** What Electron does on Alt+F4: ask the listeners, then close unless one said no. */
  tryClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroyed = true;
    return !prevented;
  }
}

vi.mock('electron', () => ({ BrowserWindow: FakeWindow }));
const { KioskWindows } = await import('../../../main/shell/kiosk-windows.ts');

const HUB = 'http://127.0.0.1:4747';
const screen = (id: number, x = 0) => ({ id, bounds: { x, y: 0, width: 1920, height: 1080 } });
const settingsOf = (json: object) => parseSettings(JSON.stringify(json)).settings;
const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('KioskWindows', () => {
  let escalations: string[];
  let escalateAnswer: boolean;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeWindow.all = [];
    escalations = [];
    escalateAnswer = true;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(json: object = {}) {
    const settings = settingsOf(json);
    const windows = new KioskWindows({
      hubOrigin: HUB,
      preload: '/app/dist/main/shell/preload.cjs',
      locked: true,
      kiosk: settings.kiosk,
      escalate: (reason) => {
        escalations.push(reason);
        return escalateAnswer;
      },
      log: memoryLogger(),
    });
    return { windows, settings };
  }

  it('opens a hardened lobby window on each display, at its bounds, on its page', () => {
    const { windows, settings } = setup({ displays: { '2': { role: 'door', auditoriumId: 'aud-1' } } });
    windows.sync([screen(1), screen(2, 1920)], settings);
    expect(FakeWindow.all).toHaveLength(2);
    const [board, door] = FakeWindow.all as [FakeWindow, FakeWindow];
    expect(board.options).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080, show: false, frame: false });
    expect(door.options).toMatchObject({ x: 1920 });
    expect(board.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
      backgroundThrottling: false,
      preload: '/app/dist/main/shell/preload.cjs',
      additionalArguments: [expect.stringMatching(/^--marquee-display=/)],
    });
    expect(board.webContents.loaded).toEqual([`${HUB}/`]);
    expect(door.webContents.loaded).toEqual([`${HUB}/door/aud-1`]);
    expect(board.webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
  });

  it('shows a window once it has painted, then makes it a kiosk window', () => {
    const { windows, settings } = setup();
    windows.sync([screen(1)], settings);
    const win = FakeWindow.all[0]!;
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect([win.visible, win.kiosk]).toEqual([true, true]);
  });

  it('shows a window that never paints after ten seconds, and stays windowed when fullscreen is off', () => {
    const { windows, settings } = setup({ kiosk: { fullscreen: false } });
    windows.sync([screen(1)], settings);
    const win = FakeWindow.all[0]!;
    vi.advanceTimersByTime(10_000);
    expect([win.visible, win.kiosk]).toEqual([true, false]);
  });

  it('follows displays: unplugged closes only that window, a new role reopens it', () => {
    const { windows, settings } = setup();
    windows.sync([screen(1), screen(2, 1920)], settings);
    const [first, second] = FakeWindow.all as [FakeWindow, FakeWindow];
    windows.sync([screen(1)], settings);
    expect([first.destroyed, second.destroyed]).toEqual([false, true]);
    windows.sync([screen(1)], settingsOf({ displays: { '1': { role: 'door', auditoriumId: 'aud-9' } } }));
    expect(first.destroyed).toBe(true);
    expect(FakeWindow.all.at(-1)!.webContents.loaded).toEqual([`${HUB}/door/aud-9`]);
    expect(windows.windows).toHaveLength(1);
  });

  it('refuses Alt+F4 on a lobby window', () => {
    const { windows, settings } = setup();
    windows.sync([screen(1)], settings);
    expect(FakeWindow.all[0]!.tryClose()).toBe(false);
  });

  it('reloads a crashed page and escalates when it keeps crashing', async () => {
    const { windows, settings } = setup({ kiosk: { watchdog: { maxReloads: 2 } } });
    windows.sync([screen(1)], settings);
    const contents = FakeWindow.all[0]!.webContents;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    vi.advanceTimersByTime(1_000);
    expect(contents.loaded).toEqual([`${HUB}/`, `${HUB}/`]);
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    expect(escalations).toEqual(['display 1: renderer gone (oom) 3 times in 10 min']);

    escalateAnswer = false;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    await flush();
    expect(contents.loaded.at(-1)).toMatch(/^data:text\/html/);
    expect(decodeURIComponent(contents.loaded.at(-1)!)).toContain('This display stopped');
  });

  it('kills a page hung past the grace period', () => {
    const { windows, settings } = setup({ kiosk: { watchdog: { unresponsiveSeconds: 5 } } });
    windows.sync([screen(1)], settings);
    const win = FakeWindow.all[0]!;
    win.emit('unresponsive');
    vi.advanceTimersByTime(5_000);
    expect(win.webContents.crashed).toBe(1);
  });

  it('retries a main-frame load failure, not a subframe one', () => {
    const { windows, settings } = setup();
    windows.sync([screen(1)], settings);
    const contents = FakeWindow.all[0]!.webContents;
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', `${HUB}/x`, false);
    contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${HUB}/`, true);
    vi.advanceTimersByTime(5_000);
    expect(contents.loaded).toEqual([`${HUB}/`, `${HUB}/`]);
  });

  it('hides the pointer with user-origin CSS and takes it away again', async () => {
    const { windows, settings } = setup();
    windows.sync([screen(1)], settings);
    const contents = FakeWindow.all[0]!.webContents;
    windows.setCursorHidden(true);
    await flush();
    expect([...contents.css.values()]).toEqual([expect.stringMatching(/^user:.*cursor: none !important/)]);
    windows.setCursorHidden(false);
    await flush();
    await flush();
    expect(contents.css.size).toBe(0);
  });

  it('blocks reload, DevTools and zoom keys in a packaged build', () => {
    const { windows, settings } = setup();
    windows.sync([screen(1)], settings);
    const contents = FakeWindow.all[0]!.webContents;
    const press = (input: object) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('before-input-event', event, {
        type: 'keyDown',
        control: false,
        meta: false,
        alt: false,
        shift: false,
        ...input,
      });
      return event.preventDefault.mock.calls.length > 0;
    };
    const primary = process.platform === 'darwin' ? { meta: true } : { control: true };
    expect(press({ key: 'F5' })).toBe(true);
    expect(press({ key: '=', ...primary })).toBe(true);
    expect(press({ key: 'a' })).toBe(false);
  });

  it('closes everything on quit and opens nothing after', () => {
    const { windows, settings } = setup();
    windows.sync([screen(1), screen(2, 1920)], settings);
    windows.closeAll();
    expect(FakeWindow.all.every((w) => w.destroyed)).toBe(true);
    windows.sync([screen(3)], settings);
    expect(FakeWindow.all).toHaveLength(2);
  });
});
