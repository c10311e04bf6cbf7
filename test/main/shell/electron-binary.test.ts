import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../main/paths.ts';
import { findElectronBinary } from '../../../main/shell/electron-binary.ts';
import { tempDir } from '../../support/temp-dir.ts';

/** An `electron` package folder as its install step leaves it (or does not). */
function electronPackage(
  dir: string,
  files: { version?: string; pathTxt?: string; distVersion?: string; exe?: string },
) {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  if (files.version) writeFileSync(join(dir, 'package.json'), JSON.stringify({ version: files.version }));
  if (files.pathTxt) writeFileSync(join(dir, 'path.txt'), files.pathTxt);
  if (files.distVersion) writeFileSync(join(dir, 'dist', 'version'), files.distVersion);
  if (files.exe) writeFileSync(join(dir, 'dist', files.exe), '');
  return dir;
}

describe('findElectronBinary', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('marquee-electron-')));
  afterEach(() => dir.remove());

  it.each([
    ['no package at all', {}, {}, /electron package is not installed/],
    [
      'never downloaded (no path.txt)',
      { version: '45.5.0' },
      {},
      /Electron 45\.5\.0's binary has not been downloaded yet/,
    ],
    [
      'path.txt but no executable',
      { version: '45.5.0', pathTxt: 'electron', distVersion: 'v45.5.0' },
      {},
      /has not been downloaded yet/,
    ],
    [
      'a binary of another version',
      { version: '45.5.0', pathTxt: 'electron', distVersion: 'v44.1.0', exe: 'electron' },
      {},
      /the downloaded Electron is 44\.1\.0, not 45\.5\.0/,
    ],
    [
      'an override folder without the executable',
      { version: '45.5.0' },
      { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' },
      /ELECTRON_OVERRIDE_DIST_PATH names \/nonexistent/,
    ],
  ])('refuses %s, saying why', (_name, files, env, reason) => {
    const result = findElectronBinary(electronPackage(join(dir.path, 'electron'), files), env);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('finds a downloaded binary of the package version, and an override folder', () => {
    const pkg = electronPackage(join(dir.path, 'electron'), {
      version: '45.5.0',
      pathTxt: 'electron',
      distVersion: 'v45.5.0',
      exe: 'electron',
    });
    expect(findElectronBinary(pkg, {})).toEqual({
      ok: true,
      path: join(pkg, 'dist', 'electron'),
      version: '45.5.0',
    });
    const override = join(dir.path, 'override');
    mkdirSync(override);
    writeFileSync(join(override, 'electron'), '');
    expect(findElectronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: override })).toMatchObject({
      ok: true,
      path: join(override, 'electron'),
    });
  });

  it("reads this checkout's electron package without loading it", () => {
    const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const result = findElectronBinary(pkg, {});
    const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
    expect(result.ok ? result.version : result.reason).toContain(version);
  });
});

describe('scripts/start.js (npm start)', () => {
  const START = join(packageRoot(), 'scripts', 'start.js');
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('marquee-start-')));
  afterEach(() => dir.remove());

  async function start(env: Record<string, string>) {
    const { ELECTRON_OVERRIDE_DIST_PATH: _o, ...base } = process.env;
    const child = spawn(process.execPath, [START, '--user-data-dir=/tmp/x'], {
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, stdout, stderr };
  }

  it("says Electron's binary is needed and how to get it, without trying a download", async (ctx) => {
    const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    ctx.skip(
      findElectronBinary(pkg, {}).ok,
      "Electron's binary is installed here: start.js would launch the kiosk",
    );
    const { code, stderr } = await start({});
    expect(code).toBe(1);
    expect(stderr).toContain("npm start: the kiosk needs Electron's own binary");
    expect(stderr).toContain('npx install-electron');
    expect(stderr).not.toContain('Downloading Electron binary');
  });

  it('launches the binary with the package and --demo, passing arguments on', async () => {
    const dist = join(dir.path, 'dist');
    mkdirSync(dist);
    const log = join(dir.path, 'args.txt');
    const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const exe = join(dist, findElectronBinaryName(pkg));
    writeFileSync(
      exe,
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\n[ -z "$ELECTRON_RUN_AS_NODE" ] || exit 9\n`,
    );
    chmodSync(exe, 0o755);
    const { code, stderr } = await start({ ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1' });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readFileSync(log, 'utf8').split('\n')).toEqual([
      packageRoot(),
      '--demo',
      '--user-data-dir=/tmp/x',
      '',
    ]);
  });
});

/** The executable's name as the package's path.txt would give it (`electron` where it was never downloaded). */
function findElectronBinaryName(pkg: string): string {
  try {
    return readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    return 'electron';
  }
}
