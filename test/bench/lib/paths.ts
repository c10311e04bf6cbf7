import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../main/paths.ts';

/** The package, found the same way from the sources and from the compiled bench. */
export const PACKAGE_ROOT = packageRoot(import.meta.dirname);
/** Where `tsc -p test/bench/tsconfig.json` puts the compiled bench. */
export const BENCH_DIST = join(PACKAGE_ROOT, 'dist', 'bench', 'test', 'bench');

/** A compiled bench script that runs in its own process, e.g. `load/loadgen.js`. */
export function benchScript(path: string): string {
  return join(BENCH_DIST, path);
}

let pinned: string | undefined;

/**
 * The `marquee` command under test: BENCH_MARQUEE_CLI (another build, to
 * compare before and after a change), else the copy made by `pinHubBuild`,
 * else the package's own.
 */
export function marqueeCli(): string {
  return process.env['BENCH_MARQUEE_CLI'] ?? pinned ?? join(PACKAGE_ROOT, 'bin', 'marquee.js');
}

/**
 * Copies the built hub aside for the length of a run, so that a rebuild
 * during it (other work goes on in this folder) cannot change what is
 * measured halfway. Returns a function that deletes the copy.
 */
export function pinHubBuild(): () => void {
  if (process.env['BENCH_MARQUEE_CLI']) return () => {};
  const dir = mkdtempSync(join(tmpdir(), 'marquee-bench-build-'));
  cpSync(join(PACKAGE_ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(PACKAGE_ROOT, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'dist'));
  cpSync(join(PACKAGE_ROOT, 'dist', 'main'), join(dir, 'dist', 'main'), { recursive: true });
  cpSync(join(PACKAGE_ROOT, 'dist', 'renderer'), join(dir, 'dist', 'renderer'), { recursive: true });
  symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(dir, 'node_modules'));
  pinned = join(dir, 'bin', 'marquee.js');
  return () => {
    pinned = undefined;
    rmSync(dir, { recursive: true, force: true });
  };
}

/** The commit measured, and how many files under main/ and renderer/ differ from it. */
export function sourceVersion(): { commit: string; uncommitted: number } {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: PACKAGE_ROOT, encoding: 'utf8' }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const changed = git('status', '--porcelain', '--', 'main', 'renderer');
    return { commit, uncommitted: changed ? changed.split('\n').length : 0 };
  } catch {
    return { commit: 'unknown', uncommitted: 0 };
  }
}
