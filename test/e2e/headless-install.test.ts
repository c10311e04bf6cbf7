import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../main/paths.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type HubProcess, spawnHub } from './support/hub-process.ts';

// The headless install an operator does on a box with no build tools: the
// packed tarball (`npm pack`, with dist/ inside) installed into an empty
// folder with `npm install --omit=dev`, then `marquee serve --demo`. Nothing
// is compiled: better-sqlite3's prebuild ships in its package. Dependencies
// come from npm's cache when it has them (--prefer-offline).

const root = packageRoot();
const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, npm_config_fund: 'false' },
  });

describe('npm pack, then npm install --omit=dev, then marquee serve', () => {
  let dir: ReturnType<typeof tempDir>;
  let hub: HubProcess | undefined;
  let installed: string;

  beforeAll(() => {
    if (!existsSync(join(root, 'dist/main/cli.js')) || !existsSync(join(root, 'dist/renderer/index.html'))) {
      throw new Error('dist/ is not built; run `npm run build` first');
    }
    dir = tempDir('marquee-pack-');
    // --ignore-scripts: dist/ is already built (npm test builds first); pack would build it again.
    const pack = npm(['pack', '--ignore-scripts', '--pack-destination', dir.path, '--json'], root);
    expect(pack.status, pack.stderr).toBe(0);
    const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
    installed = join(dir.path, 'venue-box');
    mkdirSync(installed);
    writeFileSync(join(installed, 'package.json'), JSON.stringify({ name: 'venue-box', private: true }));
    const install = npm(
      ['install', '--omit=dev', '--prefer-offline', '--no-audit', join(dir.path, filename)],
      installed,
    );
    expect(install.status, install.stderr).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
    dir?.remove();
  });

  it('ships the built app and no sources, tests or dev tools', () => {
    const pkg = join(installed, 'node_modules', 'marquee');
    expect(readdirSync(pkg).sort()).toEqual(['README.md', 'bin', 'deploy', 'dist', 'docs', 'package.json']);
    expect(existsSync(join(pkg, 'deploy/systemd/marquee.service'))).toBe(true);
    expect(existsSync(join(pkg, 'dist/main/cli.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist/renderer/index.html'))).toBe(true);
    const modules = readdirSync(join(installed, 'node_modules'));
    for (const dev of ['electron', 'vitest', 'typescript', 'svelte', 'electron-builder', 'playwright-core']) {
      expect(modules, dev).not.toContain(dev);
    }
    expect(modules).toContain('better-sqlite3');
  });

  it('serves the demo venue, board included, from the installed package', async () => {
    const cli = realpathSync(join(installed, 'node_modules', '.bin', 'marquee'));
    hub = await spawnHub(['--demo', '--data', join(dir.path, 'data'), '--port', '0'], {}, 20_000, cli);
    const snap = (await (await fetch(`${hub.url}/api/snapshot`)).json()) as {
      venue: { name: string };
      showtimes: unknown[];
    };
    expect(snap.venue.name).toBe('Marquee Harbourfront');
    expect(snap.showtimes.length).toBeGreaterThan(100);
    const board = await fetch(`${hub.url}/`);
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('<div id="app"></div>');
    expect(await hub.stop()).toBe(0);
  });

  it('runs as the operations guide says: config file, token file, scraped metrics, backup while running, restore', async () => {
    const cli = realpathSync(join(installed, 'node_modules', '.bin', 'marquee'));
    const etc = join(dir.path, 'etc');
    mkdirSync(etc);
    // The feed is another hub (the demo one above is stopped; this one is the venue's HQ).
    const hq = await spawnHub(['--demo', '--data', join(dir.path, 'hq'), '--port', '0'], {}, 20_000, cli);
    try {
      writeFileSync(join(etc, 'upstream-token'), 'hq-token-for-the-feed\n');
      writeFileSync(
        join(etc, 'marquee.yaml'),
        [
          'data: ../venue-data',
          'port: 0',
          `upstream: ${hq.url}/events`,
          'upstream-token-file: upstream-token',
          'upstream-idle-timeout: 60',
          'retention-days: 14',
          'metrics-open-on-loopback: true',
          '',
        ].join('\n'),
      );
      const venue = await spawnHub(['--config', join(etc, 'marquee.yaml')], {}, 20_000, cli);
      try {
        // Live, and the feed's snapshot received (the state turns live before the first byte).
        const following = (text: string) =>
          /^marquee_upstream_state\{state="live"\} 1$/m.test(text) &&
          /^marquee_relay_bytes_total [1-9]/m.test(text);
        let metrics = '';
        for (let i = 0; i < 100 && !following(metrics); i++) {
          if (i > 0) await new Promise((r) => setTimeout(r, 100));
          metrics = await (await fetch(`${venue.url}/metrics`)).text();
        }
        expect(metrics).toMatch(/^marquee_upstream_state\{state="live"\} 1$/m);
        expect(metrics).toMatch(/^marquee_relay_bytes_total [1-9]/m);
        mkdirSync(join(root, 'test-results'), { recursive: true });
        writeFileSync(join(root, 'test-results', 'sample-scrape.txt'), metrics);

        const archive = join(dir.path, 'venue-backup.tar');
        const backup = spawnSync(
          process.execPath,
          [
            cli,
            'backup',
            '--data',
            join(dir.path, 'venue-data'),
            '--to',
            archive,
            '--config',
            join(etc, 'marquee.yaml'),
          ],
          { encoding: 'utf8' },
        );
        expect(backup.status, backup.stderr).toBe(0);
        const refused = spawnSync(
          process.execPath,
          [cli, 'restore', '--data', join(dir.path, 'venue-data'), '--from', archive],
          {
            encoding: 'utf8',
          },
        );
        expect(refused.status).toBe(1);
        expect(refused.stderr).toMatch(
          /^marquee restore: a hub \(process \d+\) is running on .*; stop it first\n$/,
        );
      } finally {
        expect(await venue.stop()).toBe(0);
      }
      const restored = spawnSync(
        process.execPath,
        [cli, 'restore', '--data', join(dir.path, 'restored'), '--from', join(dir.path, 'venue-backup.tar')],
        { encoding: 'utf8' },
      );
      expect(restored.status, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/new event history/);
      expect(readFileSync(join(dir.path, 'restored', 'restored-config', 'marquee.yaml'), 'utf8')).toContain(
        'upstream-token-file',
      );
      expect(execFileSync('tar', ['tf', join(dir.path, 'venue-backup.tar')], { encoding: 'utf8' })).toContain(
        'marquee.db',
      );
    } finally {
      await hq.stop();
    }
  }, 120_000);
});
