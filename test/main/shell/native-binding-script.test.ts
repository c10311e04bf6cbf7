import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../main/paths.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { NODE_BINDING } from './node-binding.ts';

// scripts/native-binding.js for real, against a local stand-in for GitHub
// releases and Electron's header server: every download it makes is seen here.

const root = packageRoot();
const SCRIPT = join(root, 'scripts', 'native-binding.js');
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;
const abi = readFileSync(join(root, 'node_modules/electron/abi_version'), 'utf8').trim();
const sqliteVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')) as {
    version: string;
  }
).version;
const targetDir = `electron-${electronVersion}-${process.platform}-${process.arch}`;
const tarball = `better-sqlite3-v${sqliteVersion}-electron-v${abi}-${process.platform}-${process.arch}.tar.gz`;

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

interface Mirror {
  url: string;
  requests: string[];
  /** Files served by path; anything else is 404. */
  files: Map<string, Buffer>;
  server: Server;
}

async function startMirror(): Promise<Mirror> {
  const requests: string[] = [];
  const files = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    if (body) res.writeHead(200, { 'Content-Type': 'application/gzip' }).end(body);
    else res.writeHead(404).end('not here');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, files, server };
}

/** A prebuild tarball as prebuild-install expects it: build/Release/better_sqlite3.node. */
function makeTarball(dir: string, binary: Buffer): Buffer {
  const release = join(dir, 'pack', 'build', 'Release');
  mkdirSync(release, { recursive: true });
  writeFileSync(join(release, 'better_sqlite3.node'), binary);
  const out = join(dir, 'prebuild.tar.gz');
  const tar = spawnSync('tar', ['-czf', out, '-C', join(dir, 'pack'), 'build']);
  if (tar.status !== 0) throw new Error(`tar failed: ${String(tar.stderr)}`);
  return readFileSync(out);
}

/** Runs a script with every download aimed at the mirror and every cache in `dir`. */
async function runScript(script: string, args: string[], mirror: Mirror, dir: string) {
  const child = spawn(process.execPath, [script, ...args], {
    env: {
      ...process.env,
      MARQUEE_NATIVE_DIR: join(dir, 'native'),
      MARQUEE_PREBUILD_HOST: mirror.url,
      MARQUEE_ELECTRON_HEADERS_URL: `${mirror.url}/headers`,
      MARQUEE_ELECTRON_GYP_DIR: join(dir, 'gyp'),
      // A private npm cache: prebuild-install caches downloads there.
      npm_config_cache: join(dir, 'npm-cache'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr, stdout };
}

const run = (args: string[], mirror: Mirror, dir: string) => runScript(SCRIPT, args, mirror, dir);

/** Whether node_modules/electron has its binary (it throws when the download was skipped). */
function electronBinaryInstalled(): boolean {
  try {
    return existsSync(createRequire(import.meta.url)('electron') as string);
  } catch {
    return false;
  }
}

/** Node's build with its ABI symbol renamed to Electron's: a stand-in, as no Electron headers are here. */
function standInElectronBinding(): Buffer {
  const node = readFileSync(NODE_BINDING);
  const renamed = Buffer.from(
    node
      .toString('latin1')
      .replaceAll(`node_register_module_v${process.versions.modules}`, `node_register_module_v${abi}`),
    'latin1',
  );
  expect(renamed.length).toBe(node.length);
  return renamed;
}

describe('scripts/native-binding.js', () => {
  let dir: ReturnType<typeof tempDir>;
  let mirror: Mirror;
  let nodeBindingHash: string;

  beforeEach(async () => {
    if (!existsSync(join(root, 'dist/main/shell/native-binding.js'))) {
      throw new Error('dist/ is not built; run `npm run build:main` first');
    }
    dir = tempDir();
    mirror = await startMirror();
    nodeBindingHash = sha256(NODE_BINDING);
  });

  afterEach(async () => {
    mirror.server.close();
    dir.remove();
    // Whatever happened, Node's build is the same file and still opens a database.
    expect(sha256(NODE_BINDING)).toBe(nodeBindingHash);
    const db = new Database(':memory:');
    expect(db.prepare('select sqlite_version() as v').get()).toMatchObject({ v: expect.any(String) });
    db.close();
  });

  it('fails offline with a message saying what it tried, and leaves nothing behind', async () => {
    const { code, stderr } = await run([], mirror, dir.path);
    expect(code).toBe(1);
    expect(mirror.requests).toContain(`/v${sqliteVersion}/${tarball}`);
    expect(mirror.requests).toContain(`/headers/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`);
    expect(stderr).toContain(
      `could not get better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${abi}, ${process.platform}-${process.arch})`,
    );
    expect(stderr).toMatch(
      new RegExp(`1\\. prebuild-install, download of ${mirror.url}/v${sqliteVersion}/${tarball}`),
    );
    expect(stderr).toMatch(/2\. node-gyp rebuild with Electron's headers, download of .*\/headers\/v/);
    expect(stderr).toContain("Node's own build in node_modules/better-sqlite3 was not touched");
    expect(existsSync(join(dir.path, 'native', targetDir))).toBe(false);
  });

  it('only warns with --optional, so npm install never fails offline', async () => {
    const { code, stderr } = await run(['--optional'], mirror, dir.path);
    expect(code).toBe(0);
    expect(stderr).toContain('could not get better-sqlite3');
  });

  it("refuses a downloaded binary built for Node's ABI instead of Electron's", async () => {
    mirror.files.set(`/v${sqliteVersion}/${tarball}`, makeTarball(dir.path, readFileSync(NODE_BINDING)));
    const { code, stderr } = await run([], mirror, dir.path);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `the downloaded binary is built for ABI ${process.versions.modules}, not ${abi}`,
    );
    expect(existsSync(join(dir.path, 'native', targetDir))).toBe(false);
  });

  it('installs and stamps a binary registering for Electron, then reuses it without downloading', async () => {
    // The stand-in proves the plumbing, not that Electron loads it.
    const standIn = standInElectronBinding();
    mirror.files.set(`/v${sqliteVersion}/${tarball}`, makeTarball(dir.path, standIn));

    const first = await run([], mirror, dir.path);
    expect(first.code).toBe(0);
    const out = join(dir.path, 'native', targetDir);
    expect(readFileSync(join(out, 'better_sqlite3.node')).equals(standIn)).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'binding.json'), 'utf8'))).toEqual({
      betterSqlite3: sqliteVersion,
      electron: electronVersion,
      abi,
      platform: process.platform,
      arch: process.arch,
      source: 'prebuild-install',
    });
    expect(first.stderr).toMatch(/is ready in .*\(prebuild-install\)/);
    expect(first.stdout).toBe(`${join(out, 'better_sqlite3.node')}\n`);

    const downloads = mirror.requests.length;
    const second = await run([], mirror, dir.path);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('is ready in');
    expect(mirror.requests).toHaveLength(downloads);

    // A better-sqlite3 upgrade (here: a stamp naming another version) makes it
    // fetch again (from prebuild-install's cache, which is fine: same version).
    const stampFile = join(out, 'binding.json');
    writeFileSync(stampFile, readFileSync(stampFile, 'utf8').replace(sqliteVersion, '0.0.1'));
    const third = await run([], mirror, dir.path);
    expect(third.code).toBe(0);
    expect(third.stderr).toContain(`: better-sqlite3 changed from 0.0.1 to ${sqliteVersion}`);
    expect(third.stderr).toMatch(/is ready in .*\(prebuild-install\)/);
    expect(JSON.parse(readFileSync(stampFile, 'utf8'))).toMatchObject({ betterSqlite3: sqliteVersion });
  });
});

describe('scripts/start.js (npm start)', () => {
  const START = join(root, 'scripts', 'start.js');
  let dir: ReturnType<typeof tempDir>;
  let mirror: Mirror;

  beforeEach(async () => {
    dir = tempDir();
    mirror = await startMirror();
  });
  afterEach(() => {
    mirror.server.close();
    dir.remove();
  });

  it('stops before Electron when the Electron build of better-sqlite3 cannot be had', async () => {
    const { code, stderr } = await runScript(START, [], mirror, dir.path);
    expect(code).toBe(1);
    expect(stderr).toContain('could not get better-sqlite3');
    expect(stderr).toContain('npm start: the Electron build of better-sqlite3 is not available');
    expect(stderr).not.toContain("Electron's binary");
  });

  it("says how to get Electron's binary when only that is missing", async (ctx) => {
    ctx.skip(electronBinaryInstalled(), 'Electron binary installed: start.js would launch the kiosk');
    mirror.files.set(`/v${sqliteVersion}/${tarball}`, makeTarball(dir.path, standInElectronBinding()));
    const { code, stderr } = await runScript(START, [], mirror, dir.path);
    expect(code).toBe(1);
    expect(stderr).toContain("npm start: Electron's binary is not installed");
    expect(stderr).toContain('node node_modules/electron/install.js');
  });
});
