import Database from 'better-sqlite3';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type ElectronApplication, type Page, _electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../main/paths.ts';
import { findElectronBinary } from '../../main/shell/electron-binary.ts';
import { tempDir } from '../support/temp-dir.ts';

// The real kiosk: Electron running this package (dist/, from `npm run build`)
// with a fresh user-data folder, driven by playwright-core's _electron. Where
// the Electron binary was never downloaded or there is no display server,
// every test skips and says why. The binary is looked for without
// require('electron'), which would try to download it (and hang offline).

const root = packageRoot();

const binary = findElectronBinary(dirname(createRequire(import.meta.url).resolve('electron/package.json')));
const ELECTRON = binary.ok ? binary.path : undefined;
const SKIP_REASON = !binary.ok
  ? `no Electron binary: ${binary.reason} (\`npx install-electron\` fetches it where the internet is reachable)`
  : process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']
    ? 'no display server (run under xvfb-run)'
    : undefined;

/** The hub origin the lobby page was loaded from. */
const originOf = (page: Page) => new URL(page.url()).origin;

interface Prefs {
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  webviewTag?: boolean;
  allowRunningInsecureContent?: boolean;
  preload?: string;
}

describe.skipIf(SKIP_REASON !== undefined)(
  `Electron kiosk${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ''}`,
  () => {
    let app: ElectronApplication;
    let board: Page;
    let userData: ReturnType<typeof tempDir>;
    let closed = false;

    beforeAll(async () => {
      userData = tempDir('marquee-kiosk-');
      mkdirSync(userData.path, { recursive: true });
      writeFileSync(
        join(userData.path, 'settings.json'),
        JSON.stringify({ hub: { port: 0 }, demo: true, kiosk: { preventDisplaySleep: false } }),
      );
      const { ELECTRON_RUN_AS_NODE: _runAsNode, ...env } = process.env;
      app = await _electron.launch({
        executablePath: ELECTRON!,
        args: [
          root,
          `--user-data-dir=${userData.path}`,
          // Chromium's own sandbox refuses to run as root (containers); the renderer sandbox preference stays on.
          ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ],
        env: env as Record<string, string>,
        timeout: 60_000,
      });
      board = await app.firstWindow();
      await board.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    }, 120_000);

    afterAll(async () => {
      if (!closed) await app?.close();
      userData?.remove();
    });

    it('shows the demo board, told by the preload which display it is', async () => {
      await board.locator('main.screen[data-role="board"]').waitFor();
      await board.getByText('Marquee Harbourfront').first().waitFor();
      const bridge = await board.evaluate(() => (window as { marquee?: unknown }).marquee);
      expect(bridge).toEqual({ display: { id: expect.stringMatching(/^\d+$/), role: 'board' } });
      const globals = await board.evaluate(() => ({
        require: typeof (window as { require?: unknown }).require,
        process: typeof (window as { process?: unknown }).process,
      }));
      expect(globals).toEqual({ require: 'undefined', process: 'undefined' });
    });

    it('gives every window hardened web preferences, the admin window included', async () => {
      // The second-instance handler is how a staff member's double-click reaches the running kiosk.
      const opened = app.waitForEvent('window');
      await app.evaluate(({ app: electronApp }) => {
        electronApp.emit('second-instance');
      });
      const admin = await opened;
      await admin.waitForURL(/\/admin$/);
      expect(originOf(admin)).toBe(originOf(board));

      const all = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((w) => ({
          url: w.webContents.getURL(),
          // getLastWebPreferences is real but missing from Electron's typings.
          prefs: (w.webContents as unknown as { getLastWebPreferences(): Prefs }).getLastWebPreferences(),
        })),
      );
      expect(all.length).toBeGreaterThanOrEqual(2);
      for (const { url, prefs } of all) {
        expect(prefs, url).toMatchObject({
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          webviewTag: false,
          allowRunningInsecureContent: false,
        });
        if (url.endsWith('/admin')) expect(prefs.preload ?? '').toBe('');
        else expect(prefs.preload).toMatch(/preload\.cjs$/);
      }
      await admin.close();
    });

    it('blocks navigation and new windows to any other origin', async () => {
      const origin = originOf(board);
      // The test listens beside the shell's guard: it sees every navigation asked for
      // (will-frame-navigate) and every one that went ahead (did-start-navigation).
      await app.evaluate(({ webContents }) => {
        const log = { asked: [] as string[], started: [] as string[] };
        (globalThis as { navigationLog?: typeof log }).navigationLog = log;
        for (const contents of webContents.getAllWebContents()) {
          contents.on('will-frame-navigate', (details) => log.asked.push(details.url));
          contents.on('did-start-navigation', (details) => log.started.push(details.url));
        }
      });
      const navigationLog = () =>
        app.evaluate(
          () => (globalThis as { navigationLog?: { asked: string[]; started: string[] } }).navigationLog!,
        );
      const windowsBefore = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);

      expect(await board.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
      // (file: URLs never get this far: Chromium refuses them to http pages itself.)
      for (const target of ['https://example.com/phish', 'http://127.0.0.1:1/']) {
        await board.evaluate((to) => {
          location.href = to;
        }, target);
        // Once the request has reached the main process, the guard has ruled on it.
        await expect.poll(async () => (await navigationLog()).asked).toContain(target);
      }
      await board.evaluate((to) => {
        location.href = to;
      }, `${origin}/?after-blocked`);
      await board.waitForURL(`${origin}/?after-blocked`);

      const { started } = await navigationLog();
      expect(started.filter((u) => !u.startsWith(`${origin}/`))).toEqual([]);
      expect(started).toContain(`${origin}/?after-blocked`);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(
        windowsBefore,
      );
    });

    it('closes SQLite cleanly on quit', async () => {
      await app.close();
      closed = true;
      const file = join(userData.path, 'data', 'marquee.db');
      expect(existsSync(`${file}-wal`)).toBe(false);
      const db = new Database(file, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    });
  },
);
