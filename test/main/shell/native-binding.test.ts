import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ElectronTarget,
  bindingAbis,
  checkBinding,
  electronBindingDir,
  needsBuild,
  parseAbi,
  resolveNativeBinding,
} from '../../../main/shell/native-binding.ts';
import { NODE_BINDING } from './node-binding.ts';

const target: ElectronTarget = { electronVersion: '40.8.5', abi: '143', platform: 'linux', arch: 'x64' };
const bytes = (s: string) => new TextEncoder().encode(s);
const stamp = (over: object = {}) =>
  JSON.stringify({
    betterSqlite3: '12.11.1',
    electron: '40.8.5',
    abi: '143',
    platform: 'linux',
    arch: 'x64',
    source: 'prebuild-install',
    ...over,
  });
const electronBinary = bytes('\x7fELF...node_register_module_v143\0...');

describe('paths', () => {
  it('keeps one folder per Electron version, platform and arch', () => {
    expect(electronBindingDir('/repo/.native', target)).toBe(
      join('/repo/.native', 'electron-40.8.5-linux-x64'),
    );
  });

  const ctx = {
    resourcesPath: '/opt/Marquee/resources',
    appRoot: '/repo',
    electronVersion: '40.8.5',
    platform: 'linux',
    arch: 'x64',
    env: {},
  };

  it('loads the shipped binding in an installed app, whatever the environment says', () => {
    const packaged = { ...ctx, isPackaged: true, env: { MARQUEE_NATIVE_BINDING: '/tmp/evil.node' } };
    expect(resolveNativeBinding(packaged)).toBe(
      join('/opt/Marquee/resources', 'native', 'better_sqlite3.node'),
    );
  });

  it('loads the .native build in development, or the one named by MARQUEE_NATIVE_BINDING', () => {
    expect(resolveNativeBinding({ ...ctx, isPackaged: false })).toBe(
      join('/repo', '.native', 'electron-40.8.5-linux-x64', 'better_sqlite3.node'),
    );
    expect(
      resolveNativeBinding({ ...ctx, isPackaged: false, env: { MARQUEE_NATIVE_BINDING: '/x/b.node' } }),
    ).toBe('/x/b.node');
  });
});

describe('parseAbi', () => {
  it('reads the number electron ships in abi_version', () => {
    expect(parseAbi('143\n')).toBe('143');
    expect(parseAbi(undefined)).toBeUndefined();
    expect(parseAbi('')).toBeUndefined();
    expect(parseAbi('v143')).toBeUndefined();
  });
});

describe('bindingAbis and checkBinding', () => {
  it("reads the ABI of Node's real better-sqlite3 build without loading it", () => {
    const node = readFileSync(NODE_BINDING);
    expect(bindingAbis(node)).toEqual([process.versions.modules]);
    expect(checkBinding(node, process.versions.modules)).toEqual({ ok: true });
  });

  it("refuses Node's build for Electron, naming both ABIs", () => {
    expect(checkBinding(readFileSync(NODE_BINDING), '143')).toEqual({
      ok: false,
      reason: `built for ABI ${process.versions.modules}, not 143`,
    });
  });

  it('finds the Mach-O spelling and tells a missing file and a non-addon apart', () => {
    expect(bindingAbis(bytes('\xcf\xfa\xed\xfe_node_register_module_v143'))).toEqual(['143']);
    expect(checkBinding(undefined, '143')).toEqual({ ok: false, reason: 'missing' });
    expect(checkBinding(bytes('<html>404</html>'), '143')).toEqual({
      ok: false,
      reason: 'not a Node addon (no node_register_module symbol)',
    });
  });
});

describe('needsBuild', () => {
  it('keeps a binding whose ABI and stamp match', () => {
    expect(needsBuild({ bytes: electronBinary, stamp: stamp() }, target, '12.11.1')).toEqual({
      build: false,
    });
  });

  it.each([
    ['no binding', { bytes: undefined, stamp: stamp() }, 'the binding is missing'],
    [
      'a Node build',
      { bytes: bytes('node_register_module_v115'), stamp: stamp() },
      'the binding is built for ABI 115, not 143',
    ],
    ['no stamp', { bytes: electronBinary, stamp: undefined }, 'binding.json is missing or unreadable'],
    [
      'a damaged stamp',
      { bytes: electronBinary, stamp: '{"abi": 143' },
      'binding.json is missing or unreadable',
    ],
  ])('rebuilds with %s', (_what, existing, reason) => {
    expect(needsBuild(existing, target, '12.11.1')).toEqual({ build: true, reason });
  });

  it('rebuilds after either side is upgraded or the target changes', () => {
    const existing = { bytes: electronBinary, stamp: stamp() };
    expect(needsBuild(existing, target, '12.12.0')).toEqual({
      build: true,
      reason: 'better-sqlite3 changed from 12.11.1 to 12.12.0',
    });
    expect(needsBuild(existing, { ...target, electronVersion: '40.9.0' }, '12.11.1')).toEqual({
      build: true,
      reason: 'it was built for Electron 40.8.5',
    });
    expect(needsBuild(existing, { ...target, arch: 'arm64' }, '12.11.1')).toEqual({
      build: true,
      reason: 'it was built for linux-x64',
    });
  });
});
