import { join } from 'node:path';
import { packageRoot } from '../../../main/paths.ts';

/** The package, found the same way from the sources and from the compiled bench. */
export const PACKAGE_ROOT = packageRoot(import.meta.dirname);
/** The hub under test; BENCH_MARQUEE_CLI points at another build, to compare before and after a change. */
export const MARQUEE_CLI = process.env['BENCH_MARQUEE_CLI'] ?? join(PACKAGE_ROOT, 'bin', 'marquee.js');
/** Where `tsc -p test/bench/tsconfig.json` puts the compiled bench. */
export const BENCH_DIST = join(PACKAGE_ROOT, 'dist', 'bench', 'test', 'bench');

/** A compiled bench script that runs in its own process, e.g. `load/loadgen.js`. */
export function benchScript(path: string): string {
  return join(BENCH_DIST, path);
}
