import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isGlobalAccelerator } from '../../../main/shell/accelerator.ts';
import { DEFAULT_SETTINGS, parseSettings } from '../../../main/shell/settings.ts';
import { SETTINGS_FILE, loadSettings } from '../../../main/shell/settings-file.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('parseSettings', () => {
  it('fills every default from an empty object', () => {
    const { settings, warnings } = parseSettings('{}');
    expect(warnings).toEqual([]);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(settings.hub).toEqual({ host: '127.0.0.1', port: 4747, allowedHosts: [] });
    expect(settings.kiosk.watchdog.maxRelaunches).toBe(3);
    expect(settings.otherDisplays).toEqual({ role: 'board' });
    expect(settings.upstream).toBeNull();
  });

  it('reads a complete file', () => {
    const { settings, warnings } = parseSettings(
      JSON.stringify({
        displays: { '2528732444': { role: 'door', auditoriumId: 'aud-3' }, '1': { role: 'off' } },
        otherDisplays: { role: 'board' },
        upstream: { url: 'https://hq.example/feed', token: 'tok_123' },
        hub: { host: '0.0.0.0', port: 8080, allowedHosts: ['lobby-pc.local'], caFile: '/etc/marquee/ca.pem' },
        kiosk: { fullscreen: false, hideCursorAfterSeconds: 0, watchdog: { maxRelaunches: 1 } },
        adminShortcut: 'Alt+F9',
        demo: true,
      }),
    );
    expect(warnings).toEqual([]);
    expect(settings.displays['2528732444']).toEqual({ role: 'door', auditoriumId: 'aud-3' });
    expect(settings.upstream).toEqual({ url: 'https://hq.example/feed', token: 'tok_123' });
    expect(settings.hub.host).toBe('0.0.0.0');
    expect(settings.hub.caFile).toBe('/etc/marquee/ca.pem');
    expect(settings.kiosk).toMatchObject({
      fullscreen: false,
      hideCursorAfterSeconds: 0,
      preventDisplaySleep: true,
    });
    expect(settings.kiosk.watchdog).toMatchObject({ maxRelaunches: 1, maxReloads: 3 });
    expect(settings.adminShortcut).toBe('Alt+F9');
  });

  it.each([
    ['', /not valid JSON/],
    ['{"hub": ', /not valid JSON/],
    ['[]', /not a JSON object/],
    ['null', /not a JSON object/],
    ['"board"', /not a JSON object/],
  ])('falls back to the defaults for %j', (text, warning) => {
    const { settings, warnings } = parseSettings(text);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warnings).toEqual([expect.stringMatching(warning)]);
  });

  it('keeps the good sections when one is bad, and says which', () => {
    const { settings, warnings } = parseSettings(
      JSON.stringify({
        displays: { '7': { role: 'door', auditoriumId: 'aud-1' } },
        hub: { host: 'lobby pc', port: 70000 },
        adminShortcut: 'A',
      }),
    );
    expect(settings.displays).toEqual({ '7': { role: 'door', auditoriumId: 'aud-1' } });
    expect(settings.hub).toEqual(DEFAULT_SETTINGS.hub);
    expect(settings.adminShortcut).toBe(DEFAULT_SETTINGS.adminShortcut);
    expect(warnings).toEqual([
      'hub.host: must be an IP address or localhost; using the default',
      expect.stringMatching(/^hub\.port: .*65535.*; using the default$/),
      'adminShortcut: must be modifiers plus one key, e.g. CommandOrControl+Shift+A; using the default',
    ]);
  });

  it('refuses a door sign without an auditorium, and unknown roles', () => {
    const { settings, warnings } = parseSettings(
      JSON.stringify({ displays: { '1': { role: 'door' } }, otherDisplays: { role: 'poster' } }),
    );
    expect(settings.displays).toEqual({});
    expect(settings.otherDisplays).toEqual({ role: 'board' });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^displays\.1\.auditoriumId: /);
    expect(warnings[1]).toMatch(/^otherDisplays/);
  });

  it('names typos instead of ignoring them', () => {
    const { settings, warnings } = parseSettings(
      JSON.stringify({ dispalys: {}, kiosk: { fulscreen: false }, demo: true }),
    );
    expect(settings.demo).toBe(true);
    expect(settings.kiosk).toEqual(DEFAULT_SETTINGS.kiosk);
    expect(warnings).toEqual([
      'dispalys: unknown setting, ignored',
      expect.stringMatching(/^kiosk: .*fulscreen.*; using the default$/),
    ]);
  });

  it('checks the upstream feed and its token', () => {
    const bad = parseSettings(JSON.stringify({ upstream: { url: 'ftp://hq.example/', token: 'has space' } }));
    expect(bad.settings.upstream).toBeNull();
    expect(bad.warnings).toEqual([
      expect.stringMatching(/^upstream\.url: must be an http/),
      expect.stringMatching(/^upstream\.token: must be 1–4096 printable/),
    ]);
    expect(parseSettings('{"upstream": {"url": "http://10.0.0.2:4747/events"}}').settings.upstream).toEqual({
      url: 'http://10.0.0.2:4747/events',
    });
  });

  it('refuses display keys that are not display ids and auditorium ids that could not be in a URL', () => {
    const { warnings } = parseSettings(
      JSON.stringify({
        displays: { left: { role: 'board' }, '3': { role: 'door', auditoriumId: '../admin' } },
      }),
    );
    expect(warnings.join('\n')).toMatch(/displays\.left: must be a display id/);
    expect(warnings.join('\n')).toMatch(/displays\.3\.auditoriumId: must be 1–128 letters/);
  });

  it('never shares mutable defaults', () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS.kiosk.watchdog)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.hub.allowedHosts)).toBe(true);
  });
});

describe('isGlobalAccelerator', () => {
  it.each([
    'CommandOrControl+Shift+A',
    'CmdOrCtrl+Alt+M',
    'Ctrl+F12',
    'Alt+F9',
    'Super+Space',
    'Control+Shift+num5',
    'Ctrl+Alt+Plus',
    'Shift+/',
  ])('accepts %s', (value) => expect(isGlobalAccelerator(value)).toBe(true));

  it.each([
    'A',
    'F9',
    '',
    'Ctrl+',
    '+A',
    'Ctrl+Shift',
    'Ctrl+Ctrl+A',
    'Ctrl+AB',
    'Hyper+A',
    'Ctrl+F25',
    'Ctrl++',
  ])('refuses %j', (value) => expect(isGlobalAccelerator(value)).toBe(false));
});

describe('loadSettings', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir.remove());

  it('writes the defaults on first run, readable by the operator only, and reads them back', () => {
    dir = tempDir();
    const first = loadSettings(dir.path);
    expect(first.warnings).toEqual([]);
    expect(first.settings).toEqual(DEFAULT_SETTINGS);
    const file = join(dir.path, SETTINGS_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(DEFAULT_SETTINGS);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSettings(dir.path)).toEqual({ file, settings: DEFAULT_SETTINGS, warnings: [] });
  });

  it('leaves a broken file untouched and warns', () => {
    dir = tempDir();
    const file = join(dir.path, SETTINGS_FILE);
    writeFileSync(file, '{ "hub": { "port": 80, } }');
    const loaded = loadSettings(dir.path);
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.warnings).toEqual([expect.stringMatching(/^not valid JSON/)]);
    expect(readFileSync(file, 'utf8')).toBe('{ "hub": { "port": 80, } }');
  });

  it('accepts a byte-order mark, as Windows editors write one', () => {
    dir = tempDir();
    writeFileSync(join(dir.path, SETTINGS_FILE), '\uFEFF{"demo": true}');
    expect(loadSettings(dir.path)).toMatchObject({ warnings: [], settings: { demo: true } });
  });

  it('warns instead of throwing when the file cannot be read', () => {
    dir = tempDir();
    mkdirSync(join(dir.path, SETTINGS_FILE));
    const loaded = loadSettings(dir.path);
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.warnings).toEqual([expect.stringMatching(/^cannot be read \(.*EISDIR/)]);
  });

  it('warns when the default file cannot be written, and still starts', () => {
    dir = tempDir();
    const loaded = loadSettings(join(dir.path, 'missing-folder'));
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.warnings).toEqual([expect.stringMatching(/^could not write the default file/)]);
  });
});
