import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the `electron` package keeps its binary, found without loading the
 * package: since Electron 42, `require('electron')` downloads the binary when
 * it is missing, which hangs on a machine with no route to the download host.
 * This reads what the package's own install step writes (`path.txt`, naming
 * the executable under `dist/`, and `dist/version`), and honours
 * `ELECTRON_OVERRIDE_DIST_PATH` as the package does. Used by `npm start` and
 * the Electron e2e tests; never by the running kiosk.
 */
export type ElectronBinary =
  | { readonly ok: true; readonly path: string; readonly version: string }
  | { readonly ok: false; readonly reason: string };

/** `electronPackageDir`: the folder of the installed `electron` package, e.g. `node_modules/electron`. */
export function findElectronBinary(
  electronPackageDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ElectronBinary {
  const read = (file: string) => {
    try {
      return readFileSync(join(electronPackageDir, file), 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const wanted = (JSON.parse(read('package.json') ?? '{}') as { version?: string }).version;
  if (!wanted) return { ok: false, reason: `the electron package is not installed at ${electronPackageDir}` };
  const executable = read('path.txt');
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const path = join(override, executable ?? 'electron');
    return existsSync(path)
      ? { ok: true, path, version: wanted }
      : {
          ok: false,
          reason: `ELECTRON_OVERRIDE_DIST_PATH names ${override}, which has no Electron executable`,
        };
  }
  if (!executable) {
    return { ok: false, reason: `Electron ${wanted}'s binary has not been downloaded yet` };
  }
  const have = read(join('dist', 'version'))?.replace(/^v/, '');
  const path = join(electronPackageDir, 'dist', executable);
  if (have && have !== wanted) {
    return { ok: false, reason: `the downloaded Electron is ${have}, not ${wanted}` };
  }
  if (!have || !existsSync(path)) {
    return { ok: false, reason: `Electron ${wanted}'s binary has not been downloaded yet` };
  }
  return { ok: true, path, version: wanted };
}
