import { join } from 'node:path';
import { z } from 'zod';

/**
 * better-sqlite3 is a native addon, and Node (tests, `marquee serve`) and
 * Electron (the kiosk) need different builds of it. Node's build stays in
 * node_modules, untouched; Electron's lives beside it in
 * `.native/electron-<version>-<platform>-<arch>/` (scripts/native-binding.js
 * makes it) and, in an installed app, in `resources/native/`. The shell hands
 * its path to the store as `nativeBinding`. This module is the pure part:
 * paths, and whether a binary is the right one.
 */

export const BINDING_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'binding.json';
/** Folder under the app's resources holding the binding in a packaged build. */
export const PACKAGED_NATIVE_DIR = 'native';
/** Development override of the binding path; ignored by packaged builds. */
export const BINDING_ENV = 'MARQUEE_NATIVE_BINDING';

export interface ElectronTarget {
  readonly electronVersion: string;
  /** `process.versions.modules` of that Electron, e.g. `143`. */
  readonly abi: string;
  readonly platform: string;
  readonly arch: string;
}

/** `<nativeRoot>/electron-40.8.5-linux-x64`: one folder per runtime, so switching never overwrites. */
export function electronBindingDir(
  nativeRoot: string,
  target: Pick<ElectronTarget, 'electronVersion' | 'platform' | 'arch'>,
): string {
  return join(nativeRoot, `electron-${target.electronVersion}-${target.platform}-${target.arch}`);
}

export interface RuntimeContext {
  readonly isPackaged: boolean;
  /** `process.resourcesPath`. */
  readonly resourcesPath: string;
  /** The package root (holds package.json and `.native/`). */
  readonly appRoot: string;
  readonly electronVersion: string;
  readonly platform: string;
  readonly arch: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The binding the running shell loads. An installed app only ever loads the
 * one it shipped: an environment variable naming native code to load would
 * undo the fuses that turn off NODE_OPTIONS and friends.
 */
export function resolveNativeBinding(ctx: RuntimeContext): string {
  if (ctx.isPackaged) return join(ctx.resourcesPath, PACKAGED_NATIVE_DIR, BINDING_FILE);
  const override = ctx.env[BINDING_ENV];
  if (override) return override;
  return join(electronBindingDir(join(ctx.appRoot, '.native'), ctx), BINDING_FILE);
}

/** The ABI an Electron package declares (`node_modules/electron/abi_version`), if it is a number. */
export function parseAbi(text: string | undefined): string | undefined {
  const abi = text?.trim();
  return abi && /^\d{2,4}$/.test(abi) ? abi : undefined;
}

/**
 * The Node ABIs a compiled addon registers for. Addons built with
 * `NODE_MODULE`/`NODE_MODULE_INIT` (better-sqlite3 is one) export
 * `node_register_module_v<ABI>` on every platform (ELF, Mach-O with a leading
 * underscore, PE), so the runtime a binary was built for can be read without
 * loading it, which would crash the process for the wrong one.
 */
export function bindingAbis(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const abis = new Set<string>();
  for (const m of text.matchAll(/node_register_module_v(\d{2,4})/g)) abis.add(m[1]!);
  return [...abis].sort();
}

export type BindingCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether `bytes` (undefined: no file) is a binding for `abi`. */
export function checkBinding(bytes: Uint8Array | undefined, abi: string): BindingCheck {
  if (!bytes) return { ok: false, reason: 'missing' };
  const abis = bindingAbis(bytes);
  if (abis.length === 0) return { ok: false, reason: 'not a Node addon (no node_register_module symbol)' };
  if (!abis.includes(abi)) {
    return { ok: false, reason: `built for ABI ${abis.join(', ')}, not ${abi}` };
  }
  return { ok: true };
}

/** Written next to the binding: what it was built from, so an upgrade of either side rebuilds it. */
export const BindingStamp = z.object({
  betterSqlite3: z.string().min(1),
  electron: z.string().min(1),
  abi: z.string().min(1),
  platform: z.string().min(1),
  arch: z.string().min(1),
  source: z.enum(['prebuild-install', 'node-gyp']),
});
export type BindingStamp = z.infer<typeof BindingStamp>;

export interface ExistingBinding {
  /** The binary's bytes; undefined when there is none. */
  readonly bytes: Uint8Array | undefined;
  /** The stamp's text; undefined when there is none. */
  readonly stamp: string | undefined;
}

export type BuildDecision = { readonly build: false } | { readonly build: true; readonly reason: string };

/** Whether the Electron binding must be (re)made for `target` and better-sqlite3 `version`. */
export function needsBuild(
  existing: ExistingBinding,
  target: ElectronTarget,
  betterSqlite3: string,
): BuildDecision {
  const check = checkBinding(existing.bytes, target.abi);
  if (!check.ok) return { build: true, reason: `the binding is ${check.reason}` };
  let stamp: BindingStamp;
  try {
    stamp = BindingStamp.parse(JSON.parse(existing.stamp ?? ''));
  } catch {
    return { build: true, reason: `${STAMP_FILE} is missing or unreadable` };
  }
  if (stamp.betterSqlite3 !== betterSqlite3) {
    return { build: true, reason: `better-sqlite3 changed from ${stamp.betterSqlite3} to ${betterSqlite3}` };
  }
  if (stamp.electron !== target.electronVersion) {
    return { build: true, reason: `it was built for Electron ${stamp.electron}` };
  }
  if (stamp.platform !== target.platform || stamp.arch !== target.arch) {
    return { build: true, reason: `it was built for ${stamp.platform}-${stamp.arch}` };
  }
  return { build: false };
}
