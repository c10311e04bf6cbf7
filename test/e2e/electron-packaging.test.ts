import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../main/paths.ts';
import { elfDynamicSymbols, readBinaryHeader } from '../support/native-binary.ts';
import { tempDir } from '../support/temp-dir.ts';

// electron-builder for real, on electron-builder.yml, packing the built app
// (`npm run build`) into linux-unpacked/ for x64 and arm64. Electron's own
// distribution cannot be downloaded here, so a stand-in takes its place: a
// directory with an `electron` file carrying the fuse wire of Electron
// (sentinel, version 1, eight fuses at Electron's defaults), so the fuses
// electron-builder flips can be read back. What is proven: what goes into
// app.asar and resources/, that the one better-sqlite3 binary shipped is the
// Node-API prebuild for the target (importing only napi_* from the runtime, so
// Electron loads it as Node does), the fuses, and that node_modules is never
// rebuilt; not that the real Electron runs the result (electron-kiosk e2e).

const root = packageRoot();
const electronPkg = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as {
  version: string;
};
const prebuilds = join(
  dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
  'prebuilds',
);
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, integrity off, asar-only off, V8 snapshot off, file: privileges on. */
const ELECTRON_DEFAULT_FUSES = '10110001';

/** Paths in an asar archive (header: pickled sizes, then a JSON tree), and a reader for one file. */
function readAsar(file: string) {
  const buf = readFileSync(file);
  const headerSize = buf.readUInt32LE(4);
  const json = buf.toString('utf8', 16, 16 + buf.readUInt32LE(12));
  interface Entry {
    files?: Record<string, Entry>;
    offset?: string;
    size?: number;
  }
  const tree = JSON.parse(json) as Entry;
  const paths = new Map<string, Entry>();
  const walk = (entry: Entry, prefix: string) => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      paths.set(`${prefix}/${name}`, child);
      walk(child, `${prefix}/${name}`);
    }
  };
  walk(tree, '');
  const read = (path: string) => {
    const entry = paths.get(path);
    if (entry?.offset === undefined || entry.size === undefined)
      throw new Error(`${path} is not a file in the asar`);
    const start = 8 + headerSize + Number(entry.offset);
    return buf.subarray(start, start + entry.size);
  };
  return { paths: [...paths.keys()], read };
}

async function pack(dir: string, arch: 'x64' | 'arm64') {
  const electronDist = join(dir, 'electron-dist');
  mkdirSync(electronDist, { recursive: true });
  const stub = join(electronDist, 'electron');
  writeFileSync(stub, `#!/bin/sh\n# stand-in\n${FUSE_SENTINEL}\x01\x08${ELECTRON_DEFAULT_FUSES}\n`, 'latin1');
  chmodSync(stub, 0o755);
  writeFileSync(join(electronDist, 'version'), electronPkg.version);
  writeFileSync(join(electronDist, 'LICENSE'), '');
  writeFileSync(join(electronDist, 'LICENSES.chromium.html'), '');

  const config = join(dir, 'electron-builder.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(root, 'electron-builder.yml'),
      electronDist,
      directories: { output: join(dir, 'release'), buildResources: 'build' },
    }),
  );
  // electron-builder goes quiet when it sees VITEST in the environment.
  const { VITEST: _vitest, ...env } = process.env;
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/electron-builder/cli.js'), '--config', config, '--linux', 'dir', `--${arch}`],
    {
      cwd: root,
      env: { ...env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  const appDir = join(dir, 'release', arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
  return { code, output, appDir };
}

/** Where a packed Linux app keeps better-sqlite3's prebuilds: unpacked beside the asar. */
const shippedPrebuilds = (appDir: string) =>
  join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds');

/**
 * The folder holds one prebuild, Linux's for `arch`, and it is a Node-API addon:
 * it registers through napi_register_module_v1 and imports napi_* and nothing of
 * V8 (_ZN2v8…), libnode (_ZN4node…, node_module_register) or libuv, so Electron
 * loads it as Node does. Returns its bytes.
 */
function expectOnlyNodeApiPrebuild(folder: string, arch: 'x64' | 'arm64'): Buffer {
  expect(readdirSync(folder)).toEqual([`linux-${arch}.node`]);
  const shipped = readFileSync(join(folder, `linux-${arch}.node`));
  expect(readBinaryHeader(shipped)).toEqual({ format: 'elf', arch });
  const symbols = elfDynamicSymbols(shipped);
  expect(symbols.exports).toContain('napi_register_module_v1');
  expect(symbols.imports.filter((s) => s.startsWith('napi_')).length).toBeGreaterThan(20);
  expect(symbols.imports.filter((s) => /^(_ZN2v8|_ZN4node|node_module_register|uv_)/.test(s))).toEqual([]);
  return shipped;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('npm run dist (electron-builder with a stand-in Electron)', () => {
  let dir: ReturnType<typeof tempDir>;
  let prebuildHashes: Map<string, string>;
  const hashPrebuilds = () => new Map(readdirSync(prebuilds).map((f) => [f, sha256(join(prebuilds, f))]));

  beforeAll(() => {
    for (const built of [
      'dist/main/shell/main.js',
      'dist/main/shell/preload.cjs',
      'dist/renderer/index.html',
    ]) {
      if (!existsSync(join(root, built))) throw new Error(`${built} is missing; run \`npm run build\` first`);
    }
    dir = tempDir('marquee-dist-');
    prebuildHashes = hashPrebuilds();
  });
  afterAll(() => {
    dir.remove();
    // Packaging rebuilt nothing: the prebuilds tests and `marquee serve` load are untouched.
    expect(hashPrebuilds()).toEqual(prebuildHashes);
  });

  it('packs the built app with the x64 Node-API prebuild outside the asar, flips the fuses, rebuilds nothing', async (ctx) => {
    ctx.skip(process.platform !== 'linux', 'packs a linux-unpacked directory; runs on Linux');
    const { code, output, appDir } = await pack(join(dir.path, 'x64'), 'x64');
    expect(code, output).toBe(0);
    expect(output).toContain('skipped dependencies rebuild  reason=npmRebuild is set to false');

    const unpacked = shippedPrebuilds(appDir);
    const shipped = expectOnlyNodeApiPrebuild(unpacked, 'x64');
    expect(shipped.equals(readFileSync(join(prebuilds, 'linux-x64.node')))).toBe(true);

    // The shipped file loads in this Node (24) and opens a database.
    const load = spawnSync(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(join(root, 'node_modules/better-sqlite3'))});` +
          `const db = new D(':memory:', { nativeBinding: ${JSON.stringify(join(unpacked, 'linux-x64.node'))} });` +
          `process.stdout.write(db.prepare('select 6 * 7 as n').get().n + '')`,
      ],
      { encoding: 'utf8' },
    );
    expect(load.stderr).toBe('');
    expect(load.stdout).toBe('42');

    const asar = readAsar(join(appDir, 'resources', 'app.asar'));
    const manifest = JSON.parse(asar.read('/package.json').toString('utf8')) as {
      main: string;
      name: string;
    };
    expect(manifest.main).toBe('dist/main/shell/main.js');
    for (const path of [
      '/dist/main/shell/main.js',
      '/dist/main/shell/preload.cjs',
      '/dist/main/hub.js',
      '/dist/renderer/index.html',
      '/dist/renderer/admin.html',
      '/node_modules/better-sqlite3/lib/index.js',
      '/node_modules/zod/package.json',
    ]) {
      expect(asar.paths, path).toContain(path);
    }
    const unwanted = asar.paths.filter(
      (p) =>
        /^\/(main|renderer|test|scripts|build|docs|release)(\/|$)/.test(p) ||
        /^\/node_modules\/better-sqlite3\/(build|deps|src)(\/|$)/.test(p) ||
        /^\/node_modules\/(electron|electron-builder|vitest|typescript|playwright-core|svelte)\//.test(p) ||
        /^\/dist\/.*\.map$/.test(p),
    );
    expect(unwanted).toEqual([]);

    const fuses = await getCurrentFuseWire(join(appDir, 'marquee'));
    expect(fuses.version).toBe(FuseVersion.V1);
    const state = (option: FuseV1Options) => String.fromCharCode(fuses[option] as number);
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      nodeOptions: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      inspectArguments: state(FuseV1Options.EnableNodeCliInspectArguments),
      asarIntegrity: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      cookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      fileProtocolPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      runAsNode: '0',
      nodeOptions: '0',
      inspectArguments: '0',
      asarIntegrity: '1',
      onlyLoadAppFromAsar: '1',
      cookieEncryption: '1',
      fileProtocolPrivileges: '0',
    });
  });

  it('ships the arm64 prebuild, and only it, in an arm64 build', async (ctx) => {
    ctx.skip(process.platform !== 'linux', 'packs a linux-unpacked directory; runs on Linux');
    const { code, output, appDir } = await pack(join(dir.path, 'arm64'), 'arm64');
    expect(code, output).toBe(0);
    expectOnlyNodeApiPrebuild(shippedPrebuilds(appDir), 'arm64');
  });
});
