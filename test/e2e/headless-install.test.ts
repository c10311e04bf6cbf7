import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
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
    expect(readdirSync(pkg).sort()).toEqual(['README.md', 'bin', 'dist', 'docs', 'package.json']);
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
});
