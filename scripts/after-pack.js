// electron-builder afterPack hook: puts the Electron build of better-sqlite3
// (made by scripts/native-binding.js into .native/) into the packed app's
// resources/native/, after checking it registers for the packed Electron's
// ABI. npmRebuild is off, so Node's build in node_modules is never rebuilt.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const requireFromRoot = createRequire(join(root, 'package.json'));
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal']; // builder-util's Arch enum

/** The Node ABI of an Electron version: the installed package says so; node-abi knows the others. */
function electronAbi(version) {
  const pkg = requireFromRoot.resolve('electron/package.json');
  if (JSON.parse(readFileSync(pkg, 'utf8')).version === version) {
    const file = join(dirname(pkg), 'abi_version');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  }
  return String(requireFromRoot('node-abi').getAbi(version, 'electron'));
}

export default async function afterPack(context) {
  const { BINDING_FILE, PACKAGED_NATIVE_DIR, checkBinding, electronBindingDir } = await import(
    pathToFileURL(join(root, 'dist', 'main', 'shell', 'native-binding.js')).href
  );
  const electronVersion = context.packager.info.framework.version;
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  if (arch === 'universal') {
    throw new Error(
      'marquee: universal macOS builds are not supported (one native binding per arch); build x64 and arm64',
    );
  }
  const abi = electronAbi(electronVersion);
  const nativeRoot = process.env['MARQUEE_NATIVE_DIR'] ?? join(root, '.native');
  const source = join(electronBindingDir(nativeRoot, { electronVersion, platform, arch }), BINDING_FILE);
  const check = checkBinding(existsSync(source) ? readFileSync(source) : undefined, abi);
  if (!check.ok) {
    throw new Error(
      `marquee: the better-sqlite3 binding for Electron ${electronVersion} (ABI ${abi}, ${platform}-${arch}) ` +
        `at ${source} is ${check.reason}. Run \`node scripts/native-binding.js --platform ${platform} --arch ${arch}\` first.`,
    );
  }
  const target = join(context.packager.getResourcesDir(context.appOutDir), PACKAGED_NATIVE_DIR);
  mkdirSync(target, { recursive: true });
  copyFileSync(source, join(target, BINDING_FILE));
}
