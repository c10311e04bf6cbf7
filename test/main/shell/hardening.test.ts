import { describe, expect, it } from 'vitest';
import {
  type KeyInput,
  hardenedWebPreferences,
  isBlockedShortcut,
  isPermissionAllowed,
  withDefenceCsp,
} from '../../../main/shell/hardening.ts';
import { displayArgument, readDisplayArgument } from '../../../main/shell/kiosk-display.ts';

describe('hardenedWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out, whatever else is asked', () => {
    const prefs = hardenedWebPreferences({
      devTools: false,
      preload: '/app/preload.cjs',
      additionalArguments: ['--marquee-display=x'],
      backgroundThrottling: false,
    });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: false,
      backgroundThrottling: false,
      preload: '/app/preload.cjs',
      additionalArguments: ['--marquee-display=x'],
    });
  });

  it('gives the admin window no preload at all', () => {
    const prefs = hardenedWebPreferences({ devTools: true });
    expect('preload' in prefs).toBe(false);
    expect(prefs.devTools).toBe(true);
    expect(prefs.backgroundThrottling).toBe(true);
  });
});

describe('isBlockedShortcut', () => {
  const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
    type: 'keyDown',
    key: k,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...mods,
  });
  const locked = { locked: true, kiosk: false, platform: 'linux' as const };
  const dev = { locked: false, kiosk: false, platform: 'linux' as const };

  it.each([
    ['F5', key('F5')],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true })],
    ['Ctrl+U (view source)', key('u', { control: true })],
  ])('blocks %s in a packaged build', (_name, input) => {
    expect(isBlockedShortcut(input, locked)).toBe(true);
    expect(isBlockedShortcut(input, dev)).toBe(false);
  });

  it('uses Command and Command+Option on macOS', () => {
    const mac = { locked: true, kiosk: false, platform: 'darwin' as const };
    expect(isBlockedShortcut(key('r', { meta: true }), mac)).toBe(true);
    expect(isBlockedShortcut(key('i', { meta: true, alt: true }), mac)).toBe(true);
    expect(isBlockedShortcut(key('r', { control: true }), mac)).toBe(false);
  });

  it('blocks zoom, print and close on lobby windows even in development', () => {
    const kiosk = { locked: false, kiosk: true, platform: 'win32' as const };
    for (const k of ['+', '=', '-', '0', 'p', 'w']) {
      expect(isBlockedShortcut(key(k, { control: true }), kiosk)).toBe(true);
      expect(isBlockedShortcut(key(k, { control: true }), { ...kiosk, kiosk: false })).toBe(false);
    }
  });

  it('lets ordinary typing and key releases through', () => {
    const strict = { locked: true, kiosk: true, platform: 'linux' as const };
    expect(isBlockedShortcut(key('r'), strict)).toBe(false);
    expect(isBlockedShortcut(key('I', { shift: true }), strict)).toBe(false);
    expect(isBlockedShortcut(key('c', { control: true }), strict)).toBe(false); // copy
    expect(isBlockedShortcut({ ...key('F5'), type: 'keyUp' }, strict)).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  const hub = 'http://127.0.0.1:4747';
  it('allows only clipboard writes, only from the hub', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'http://127.0.0.1:4747/admin', hub)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'http://127.0.0.1:4748/', hub)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', '', hub)).toBe(false);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'fullscreen',
      'openExternal',
      'usb',
    ]) {
      expect(isPermissionAllowed(p, 'http://127.0.0.1:4747/', hub)).toBe(false);
    }
  });
});

describe('withDefenceCsp', () => {
  const CSP = "default-src 'self'";
  it('adds the CSP beside the one the hub sent, whatever its case', () => {
    expect(
      withDefenceCsp({ 'content-security-policy': ['img-src data:'], 'Content-Type': ['text/html'] }, CSP),
    ).toEqual({ 'Content-Security-Policy': ['img-src data:', CSP], 'Content-Type': ['text/html'] });
  });

  it('adds it where there was none, and does not repeat it', () => {
    expect(withDefenceCsp(undefined, CSP)).toEqual({ 'Content-Security-Policy': [CSP] });
    expect(withDefenceCsp({ 'Content-Security-Policy': CSP }, CSP)).toEqual({
      'Content-Security-Policy': [CSP],
    });
  });
});

describe('display argument', () => {
  it('round-trips a board and a door sign', () => {
    for (const d of [
      { id: '2528732444', role: 'board' as const },
      { id: '7', role: 'door' as const, auditoriumId: 'aud:1' },
    ]) {
      expect(readDisplayArgument(['electron', '--type=renderer', displayArgument(d)])).toEqual(d);
    }
  });

  it.each([
    ['no switch', []],
    ['not JSON', ['--marquee-display=%7Bnope']],
    ['bad escape', ['--marquee-display=%E0%A4%A']],
    ['an array', ['--marquee-display=' + encodeURIComponent('[]')]],
    ['an unknown role', ['--marquee-display=' + encodeURIComponent('{"id":"1","role":"admin"}')]],
    ['a door without auditorium', ['--marquee-display=' + encodeURIComponent('{"id":"1","role":"door"}')]],
    [
      'a board with an auditorium',
      ['--marquee-display=' + encodeURIComponent('{"id":"1","role":"board","auditoriumId":"a"}')],
    ],
    ['an id with a slash', ['--marquee-display=' + encodeURIComponent('{"id":"../x","role":"board"}')]],
  ])('refuses %s', (_what, argv) => {
    expect(readDisplayArgument(argv)).toBeUndefined();
  });

  it('drops keys it does not know', () => {
    const arg = '--marquee-display=' + encodeURIComponent('{"id":"1","role":"board","token":"secret"}');
    expect(readDisplayArgument([arg])).toEqual({ id: '1', role: 'board' });
  });
});
