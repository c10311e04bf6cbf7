import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { packageRoot } from '../../main/paths.ts';
import { Store } from '../../main/store/store.ts';
import { corruptTables } from '../support/damaged-db.ts';
import { SseClient } from '../support/sse-client.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type HubProcess, spawnHub } from './support/hub-process.ts';

const cli = join(packageRoot(), 'bin', 'marquee.js');

describe('marquee serve (built CLI, separate process)', () => {
  let dir: ReturnType<typeof tempDir>;
  let hub: HubProcess | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    dir.remove();
  });

  it('prints its URL, serves the demo venue, and shuts down cleanly on SIGTERM', async () => {
    dir = tempDir();
    hub = await spawnHub(['--demo', '--data', dir.path, '--port', '0']);
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const snap = (await (await fetch(`${hub.url}/api/snapshot`)).json()) as {
      auditoriums: unknown[];
      films: unknown[];
    };
    expect(snap.auditoriums.length).toBeGreaterThanOrEqual(10);
    expect(snap.films.length).toBeGreaterThanOrEqual(20);
    const client = await SseClient.connect(`${hub.url}/events`);
    await client.count(1);
    expect(await hub.stop('SIGTERM')).toBe(0);
    await client.until(() => client.ended, 'stream end');
    // A clean close folds the WAL back into the database file.
    const db = new Database(join(dir.path, 'marquee.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('seeds the demo only on first run', async () => {
    dir = tempDir();
    hub = await spawnHub(['--demo', '--data', dir.path, '--port', '0']);
    const first = (await (await fetch(`${hub.url}/api/health`)).json()) as { seq: number };
    await hub.stop();
    hub = await spawnHub(['--demo', '--data', dir.path, '--port', '0']);
    const second = (await (await fetch(`${hub.url}/api/health`)).json()) as { seq: number };
    expect(second.seq).toBe(first.seq);
  });

  it('exits 2 with usage on bad flags, and 1 with a clear message on a database from the future', () => {
    dir = tempDir();
    const bad = spawnSync(process.execPath, [cli, 'serve', '--data', dir.path, '--port', 'x'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port: must be a whole number');
    expect(bad.stderr).toContain('usage: marquee serve');

    const db = new Database(join(dir.path, 'marquee.db'));
    db.pragma('user_version = 999');
    db.close();
    const future = spawnSync(process.execPath, [cli, 'serve', '--data', dir.path, '--port', '0'], {
      encoding: 'utf8',
    });
    expect(future.status).toBe(1);
    expect(future.stderr).toContain('newer than this Marquee supports');
  });

  it('exits 1 saying why for an empty database file, a damaged one with --require-healthy, a weak MARQUEE_ADMIN_PASSWORD', async () => {
    dir = tempDir();
    const serve = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      spawnSync(process.execPath, [cli, 'serve', '--data', dir.path, '--port', '0', ...args], {
        encoding: 'utf8',
        env: { ...process.env, ...env },
        timeout: 20_000,
      });
    writeFileSync(join(dir.path, 'marquee.db'), '');
    const empty = serve([]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('is empty (0 bytes), so it holds no venue');
    rmSync(join(dir.path, 'marquee.db'));

    hub = await spawnHub(['--data', dir.path, '--port', '0']);
    await hub.stop();
    hub = undefined;
    corruptTables(join(dir.path, 'marquee.db'), ['audit_log']);
    const damaged = serve(['--require-healthy']);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toContain(
      'not starting (--require-healthy): the database failed its integrity check',
    );

    const weak = serve([], { MARQUEE_ADMIN_PASSWORD: 'short' });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('MARQUEE_ADMIN_PASSWORD must be at least 10 characters');
  });

  it('marquee reset-password takes the password on standard input and prints one line', () => {
    dir = tempDir();
    const store = Store.open({ file: join(dir.path, 'marquee.db') });
    store.close();
    const env = { ...process.env };
    delete env['MARQUEE_ADMIN_PASSWORD'];
    const res = spawnSync(process.execPath, [cli, 'reset-password', '--data', dir.path], {
      encoding: 'utf8',
      input: 'a long enough password\n',
      env,
    });
    expect(res.status).toBe(0);
    expect(res.stdout.trim().split('\n')).toEqual([
      `Password of "admin" reset in ${join(dir.path, 'marquee.db')}; 0 sessions signed out. Sign in with the new password.`,
    ]);
    const flag = spawnSync(process.execPath, [cli, 'reset-password', '--data', dir.path, '--password', 'x'], {
      encoding: 'utf8',
    });
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--password'");
  });

  it('exits 2 for an unknown command', () => {
    dir = tempDir();
    const res = spawnSync(process.execPath, [cli, 'frobnicate'], { encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('unknown command "frobnicate"');
  });

  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('prints help and the version on stdout with exit 0, for every command', () => {
    dir = tempDir();
    for (const args of [
      ['--help'],
      ['-h'],
      ['help', 'serve'],
      ['serve', '--help'],
      ['serve', '-h'],
      ['feed-sim', '--help'],
    ]) {
      const res = run(args);
      expect(res.status, args.join(' ')).toBe(0);
      expect(res.stderr, args.join(' ')).toBe('');
      expect(res.stdout, args.join(' ')).toMatch(/marquee (serve|feed-sim)/);
    }
    const version = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const args of [['--version'], ['-V'], ['serve', '--version'], ['feed-sim', '-V']]) {
      const res = run(args);
      expect(res.status, args.join(' ')).toBe(0);
      expect(res.stdout).toBe(`${version.version}\n`);
    }
  });

  it('says a missing command on stderr with exit 2', () => {
    dir = tempDir();
    const res = run([]);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('which command?');
  });

  it('says each common start-up failure in one line, exit 1, no stack trace', async () => {
    dir = tempDir();
    hub = await spawnHub(['--data', join(dir.path, 'a'), '--port', '0']);
    const port = new URL(hub.url).port;
    const file = join(dir.path, 'not-a-folder');
    writeFileSync(file, '');
    const garbage = join(dir.path, 'garbage');
    mkdirSync(garbage);
    writeFileSync(join(garbage, 'marquee.db'), 'this is not a database, it is a shopping list '.repeat(200));
    const badConfig = join(dir.path, 'marquee.yaml');
    writeFileSync(badConfig, 'port: 0\nmax-clients: lots\n');
    for (const [args, message] of [
      [
        ['--config', join(dir.path, 'none.yaml')],
        /^marquee serve: cannot read the config file .*none\.yaml \(ENOENT\)$/m,
      ],
      [['--config', badConfig], /^marquee serve: .*marquee\.yaml:2: max-clients: must be a whole number$/m],
      [
        [
          '--data',
          join(dir.path, 'd'),
          '--upstream',
          'http://127.0.0.1:9/',
          '--upstream-token-file',
          join(dir.path, 'no-token'),
        ],
        /^marquee serve: cannot read .*no-token \(ENOENT\)$/m,
      ],
      [['--data', join(dir.path, 'b'), '--port', port], /is already in use by another program/],
      [
        ['--data', join(dir.path, 'c'), '--port', '0', '--host', '192.0.2.1'],
        /is not an address of this machine/,
      ],
      [['--data', join(file, 'sub'), '--port', '0'], /is not a folder/],
      [['--data', garbage, '--port', '0'], /is damaged/],
    ] as const) {
      const res = run(['serve', ...args]);
      expect(res.status, `${args.join(' ')}: ${res.stderr}`).toBe(1);
      expect(res.stderr).toMatch(message);
      expect(res.stderr.trim().split('\n'), res.stderr).toHaveLength(1);
      expect(res.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it('keeps its data in $STATE_DIRECTORY without --data, and says where', async () => {
    dir = tempDir();
    hub = await spawnHub(['--port', '0'], { STATE_DIRECTORY: join(dir.path, 'state') });
    expect(hub.stdout()).toContain(`Marquee data folder: ${join(dir.path, 'state')}`);
    // Signalled the moment it printed its URL, it still closes cleanly (exit 0, not killed).
    expect(await hub.stop()).toBe(0);
    expect(readdirSync(join(dir.path, 'state'))).toContain('marquee.db');
  });
});
