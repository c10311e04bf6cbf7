// Makes sure better-sqlite3 has a build for Electron in .native/, next to (never
// instead of) Node's build in node_modules. Run by `npm start`, `npm run dist`
// and, best effort, `npm install`. Tries a prebuilt binary first, then a build
// from source against Electron's headers; says exactly what failed if both do.
// Prints the binding's path on stdout when it is ready; everything else goes
// to stderr. MARQUEE_NATIVE_DIR moves .native/ elsewhere.
//
//   node scripts/native-binding.js [--optional] [--out DIR] [--arch ARCH] [--platform PLATFORM]
//                                  [--prebuild-host URL] [--headers-url URL] [--devdir DIR]
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const GITHUB_RELEASES = 'https://github.com/WiseLibs/better-sqlite3/releases/download';
const ELECTRON_HEADERS = 'https://electronjs.org/headers';

const { values: flags } = parseArgs({
  options: {
    optional: { type: 'boolean', default: false },
    out: { type: 'string', default: process.env['MARQUEE_NATIVE_DIR'] ?? join(root, '.native') },
    arch: { type: 'string', default: process.arch },
    platform: { type: 'string', default: process.platform },
    'prebuild-host': { type: 'string', default: process.env['MARQUEE_PREBUILD_HOST'] },
    'headers-url': {
      type: 'string',
      default: process.env['MARQUEE_ELECTRON_HEADERS_URL'] ?? ELECTRON_HEADERS,
    },
    devdir: {
      type: 'string',
      default: process.env['MARQUEE_ELECTRON_GYP_DIR'] ?? join(homedir(), '.electron-gyp'),
    },
  },
});

const say = (line) => process.stderr.write(`marquee native: ${line}\n`);

/** Ends the script: with --optional (npm install) a failure is a warning, never a failed install. */
function fail(message) {
  const note = flags.optional ? '\n(A warning only: the install goes on, and `npm start` tries again.)' : '';
  process.stderr.write(`\n${message}${note}\n\n`);
  process.exit(flags.optional ? 0 : 1);
}

const shell = join(root, 'dist', 'main', 'shell', 'native-binding.js');
if (!existsSync(shell))
  fail(`marquee native: ${relative(root, shell)} is missing; run \`npm run build:main\` first.`);
const { BINDING_FILE, STAMP_FILE, checkBinding, electronBindingDir, needsBuild, parseAbi } = await import(
  pathToFileURL(shell).href
);

const requireFromRoot = createRequire(join(root, 'package.json'));
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const readIfExists = (file, encoding) => (existsSync(file) ? readFileSync(file, encoding) : undefined);

let electronPackage;
try {
  electronPackage = requireFromRoot.resolve('electron/package.json');
} catch {
  fail('marquee native: the electron package is not installed (a production-only install?); nothing to do.');
}
const electronVersion = readJson(electronPackage).version;
const abi =
  parseAbi(readIfExists(join(dirname(electronPackage), 'abi_version'), 'utf8')) ??
  (() => {
    try {
      return String(requireFromRoot('node-abi').getAbi(electronVersion, 'electron'));
    } catch {
      return undefined;
    }
  })();
if (!abi) fail(`marquee native: cannot tell the Node ABI of Electron ${electronVersion}; upgrade node-abi.`);

const sqliteDir = dirname(requireFromRoot.resolve('better-sqlite3/package.json'));
const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version;
const target = { electronVersion, abi, platform: flags.platform, arch: flags.arch };
const outDir = electronBindingDir(resolve(flags.out), target);
const outFile = join(outDir, BINDING_FILE);
const label = `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${abi}, ${target.platform}-${target.arch})`;

const decision = needsBuild(
  { bytes: readIfExists(outFile), stamp: readIfExists(join(outDir, STAMP_FILE), 'utf8') },
  target,
  sqliteVersion,
);
if (!decision.build) {
  say(`${label} is ready in ${relative(root, outDir) || outDir}`);
  process.stdout.write(`${outFile}\n`);
  process.exit(0);
}
say(`making ${label}: ${decision.reason}`);

// npm passes its config to scripts as npm_config_*; `nodedir`, `target` or
// `runtime` there would aim the build at Node instead of Electron.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) =>
      !/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform|build_from_source|devdir|.*binary_host.*)$/i.test(
        k,
      ) && !/^npm_package_(resolved|from)$/i.test(k),
  ),
);

/** Why a tool failed, from its output: prebuild-install's warnings, node-gyp's error message. */
function why(result) {
  if (result.error) return String(result.error.message);
  const lines = `${result.stdout ?? ''}\n${result.stderr ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const warnings = lines
    .filter((l) => /^prebuild-install (warn|ERR!)/.test(l))
    .map((l) => l.replace(/^prebuild-install (warn|ERR!) (install )?/, ''));
  const stack = lines
    .filter((l) => /^gyp ERR! stack (?!\s*at )/.test(l))
    .map((l) => l.replace(/^gyp ERR! stack /, ''))
    .join(' ');
  const reasons = [...warnings, stack].filter(Boolean);
  return reasons.length ? reasons.join('; ') : lines.slice(-3).join(' / ') || `exited with ${result.status}`;
}

/** The URL a tool tried to download, from its verbose log. */
const fetched = (result) =>
  /\bGET (https?:\/\/\S+)/.exec(`${result.stdout ?? ''}\n${result.stderr ?? ''}`)?.[1];

/** Gets a binary into `pkg/build/Release`: returns how, or what was tried. */
function obtain(pkg, built) {
  const attempts = [];
  const prebuildHost = flags['prebuild-host'];
  say(`trying a prebuilt binary from ${prebuildHost ?? 'GitHub releases'}…`);
  const prebuild = spawnSync(
    process.execPath,
    [
      createRequire(join(sqliteDir, 'package.json')).resolve('prebuild-install/bin.js'),
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${target.arch}`,
      `--platform=${target.platform}`,
      '--verbose',
    ],
    {
      cwd: pkg,
      env: { ...env, ...(prebuildHost && { npm_config_better_sqlite3_binary_host: prebuildHost }) },
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  const url = fetched(prebuild) ?? prebuildHost ?? GITHUB_RELEASES;
  if (prebuild.status === 0) {
    const check = checkBinding(readIfExists(built), abi);
    if (check.ok) return { source: 'prebuild-install' };
    attempts.push(`prebuild-install, download of ${url}: the downloaded binary is ${check.reason}`);
  } else {
    attempts.push(`prebuild-install, download of ${url}:\n     ${why(prebuild)}`);
  }

  if (target.platform !== process.platform || target.arch !== process.arch) {
    attempts.push(
      `node-gyp: skipped, it cannot cross-compile to ${target.platform}-${target.arch}; build on such a machine`,
    );
    return { attempts };
  }
  rmSync(join(pkg, 'build'), { recursive: true, force: true });
  say(`building from source against Electron's headers from ${flags['headers-url']} (a few minutes)…`);
  const gyp = spawnSync(
    process.execPath,
    [
      requireFromRoot.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${target.arch}`,
      `--dist-url=${flags['headers-url']}`,
      `--devdir=${flags.devdir}`,
    ],
    { cwd: pkg, env, encoding: 'utf8', timeout: 30 * 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  if (gyp.status === 0) {
    const check = checkBinding(readIfExists(built), abi);
    if (check.ok) return { source: 'node-gyp' };
    attempts.push(`node-gyp rebuild: the result is ${check.reason}`);
  } else {
    const headers = fetched(gyp) ?? flags['headers-url'];
    attempts.push(`node-gyp rebuild with Electron's headers, download of ${headers}:\n     ${why(gyp)}`);
  }
  return { attempts };
}

function install(built, source) {
  mkdirSync(outDir, { recursive: true });
  const temp = `${outFile}.${process.pid}.tmp`;
  cpSync(built, temp);
  renameSync(temp, outFile);
  const stamp = { betterSqlite3: sqliteVersion, electron: electronVersion, abi, ...target, source };
  delete stamp.electronVersion;
  writeFileSync(join(outDir, STAMP_FILE), JSON.stringify(stamp, null, 2) + '\n');
}

const work = mkdtempSync(join(tmpdir(), 'marquee-native-'));
let outcome;
try {
  // A copy, so neither tool can touch Node's build in node_modules.
  const pkg = join(work, 'better-sqlite3');
  const skip = ['build', 'node_modules'];
  cpSync(sqliteDir, pkg, {
    recursive: true,
    filter: (src) =>
      !skip.some((d) => src === join(sqliteDir, d) || src.startsWith(join(sqliteDir, d) + sep)),
  });
  const built = join(pkg, 'build', 'Release', BINDING_FILE);
  outcome = obtain(pkg, built);
  if (outcome.source) install(built, outcome.source);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (!outcome.source) {
  fail(
    [
      `marquee native: could not get ${label}.`,
      'Tried:',
      ...outcome.attempts.map((a, i) => `  ${i + 1}. ${a}`),
      `Node's own build in ${relative(root, sqliteDir)} was not touched: tests and \`marquee serve\` still work.`,
      'With internet access run `npm start` again (or `node scripts/native-binding.js`). For a mirror, use',
      '--prebuild-host URL and --headers-url URL (or MARQUEE_PREBUILD_HOST / MARQUEE_ELECTRON_HEADERS_URL).',
    ].join('\n'),
  );
}
say(`${label} is ready in ${relative(root, outDir) || outDir} (${outcome.source})`);
process.stdout.write(`${outFile}\n`);
