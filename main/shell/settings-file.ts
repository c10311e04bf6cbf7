import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type ParsedSettings, parseSettings } from './settings.ts';

export const SETTINGS_FILE = 'settings.json';

export interface LoadedSettings extends ParsedSettings {
  readonly file: string;
}

/**
 * Loads `settings.json` from `dir`. A missing file is created with the
 * defaults, so operators find every setting spelled out; a bad or unreadable
 * file is left exactly as it is (it is the operator's) and the defaults stand
 * in, with warnings saying why. Never throws.
 */
export function loadSettings(dir: string): LoadedSettings {
  const file = join(dir, SETTINGS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      return {
        file,
        settings: DEFAULT_SETTINGS,
        warnings: [`cannot be read (${String(err)}); using defaults`],
      };
    }
    const warnings: string[] = [];
    try {
      writeAtomically(file, JSON.stringify(DEFAULT_SETTINGS, null, 2) + '\n');
    } catch (writeErr) {
      warnings.push(`could not write the default file (${String(writeErr)})`);
    }
    return { file, settings: DEFAULT_SETTINGS, warnings };
  }
  return { file, ...parseSettings(text.replace(/^\uFEFF/, '')) };
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { flag: 'wx', mode: 0o600 });
  renameSync(temp, file);
}
