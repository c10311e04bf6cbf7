import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../main/cli/data-dir.ts';
import { startupFailure } from '../../../main/cli/startup-failure.ts';
import { DatabaseFromFutureError } from '../../../main/store/errors.ts';

describe('defaultDataDir', () => {
  it.each([
    ['systemd StateDirectory', { STATE_DIRECTORY: '/var/lib/marquee' }, 'linux', '/var/lib/marquee'],
    [
      'the first of several',
      { STATE_DIRECTORY: '/var/lib/marquee:/var/lib/other' },
      'linux',
      '/var/lib/marquee',
    ],
    ['Linux', {}, 'linux', join('/home/op', '.local', 'share', 'marquee-serve')],
    ['Linux with XDG_DATA_HOME', { XDG_DATA_HOME: '/data' }, 'linux', join('/data', 'marquee-serve')],
    ['macOS', {}, 'darwin', join('/home/op', 'Library', 'Application Support', 'marquee-serve')],
    [
      'Windows',
      { LOCALAPPDATA: 'C:\\Users\\op\\AppData\\Local' },
      'win32',
      join('C:\\Users\\op\\AppData\\Local', 'marquee-serve'),
    ],
  ] as const)('%s', (_what, env, platform, expected) => {
    expect(defaultDataDir(env, platform, '/home/op')).toBe(expected);
  });

  it("is never the kiosk's folder", () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(defaultDataDir({}, platform, '/home/op')).not.toMatch(/[/\\]Marquee$/);
    }
  });
});

describe('startupFailure', () => {
  const ctx = { host: '127.0.0.1', port: 4747, dataDir: '/srv/marquee' };
  const errno = (code: string, syscall?: string) =>
    Object.assign(new Error(`${code} boom`), { code, syscall });

  it.each([
    [errno('EADDRINUSE', 'listen'), /^127\.0\.0\.1:4747 is already in use by another program/],
    [errno('EADDRNOTAVAIL', 'listen'), /^127\.0\.0\.1 is not an address of this machine/],
    [errno('EACCES', 'listen'), /^not allowed to listen on 127\.0\.0\.1:4747/],
    [errno('EACCES', 'mkdir'), /^cannot write the data folder \/srv\/marquee \(EACCES\)/],
    [errno('EROFS', 'open'), /read-only file system/],
    [errno('ENOTDIR', 'mkdir'), /is not a folder/],
    [errno('SQLITE_NOTADB'), /^the database in \/srv\/marquee is damaged/],
    [errno('SQLITE_CORRUPT'), /damaged .*restore a backup/],
    [new DatabaseFromFutureError(9, 5), /newer/],
  ])('says %s in one line', (err, message) => {
    const line = startupFailure(err, ctx);
    expect(line).toMatch(message);
    expect(line).not.toContain('\n');
  });

  it('leaves anything else (a bug) to keep its stack', () => {
    expect(startupFailure(new TypeError('x is undefined'), ctx)).toBeUndefined();
    expect(startupFailure(errno('ECONNRESET'), ctx)).toBeUndefined();
  });

  it('brackets an IPv6 address', () => {
    expect(startupFailure(errno('EADDRINUSE', 'listen'), { ...ctx, host: '::1' })).toMatch(/^\[::1\]:4747/);
  });
});
