import { join } from 'node:path';

/**
 * Where `marquee serve` keeps its data when `--data` is not given: systemd's
 * `StateDirectory=` (`$STATE_DIRECTORY`, the first when it lists several),
 * else a `marquee-serve` folder in the platform's application-data folder.
 * Never the kiosk's own folder (`Marquee`), so a headless hub on the kiosk's
 * PC cannot open the kiosk's database by accident.
 */
export function defaultDataDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  home: string,
): string {
  const state = env['STATE_DIRECTORY']?.split(':')[0];
  if (state) return state;
  const name = 'marquee-serve';
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local'), name);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', name);
  return join(env['XDG_DATA_HOME'] || join(home, '.local', 'share'), name);
}
