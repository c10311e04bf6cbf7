import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { databaseFile } from '../hub.ts';
import { dataDirHolder } from '../hub-lock.ts';
import { Store } from '../store/store.ts';
import { historyFileOf } from '../store/history-mark.ts';
import { MANIFEST, MEDIA_FOLDERS } from './backup.ts';
import { extractTar } from './tar.ts';

export interface RestoreOptions {
  /** The archive `marquee backup` wrote. */
  from: string;
  dataDir: string;
}

/** A restore that cannot go ahead; the message says why. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

/**
 * Puts a backup back into `dataDir`: refused while a hub holds the folder.
 * The archive is unpacked beside the folder and checked first, so a bad
 * archive leaves the folder as it was. The restored database starts a new
 * history epoch: every screen and chained hub holds ids of the old one, and
 * so takes a fresh snapshot instead of resuming into a different past.
 * Returns the new epoch.
 */
export function restoreDataDir(o: RestoreOptions): string {
  const dataDir = resolve(o.dataDir);
  const holder = dataDirHolder(dataDir);
  if (holder !== undefined)
    throw new RestoreRefused(`a hub (process ${holder}) is running on ${dataDir}; stop it first`);
  if (!existsSync(o.from)) throw new RestoreRefused(`no such backup: ${o.from}`);
  mkdirSync(dirname(dataDir), { recursive: true });
  const staging = mkdtempSync(join(dirname(dataDir), '.marquee-restore-'));
  try {
    let names: string[];
    try {
      names = extractTar(o.from, staging);
    } catch (err) {
      throw new RestoreRefused(`${o.from} is not a usable backup: ${(err as Error).message}`);
    }
    if (!names.includes(MANIFEST) || !names.includes('marquee.db'))
      throw new RestoreRefused(`${o.from} is not a Marquee backup (no ${MANIFEST} or database)`);
    JSON.parse(readFileSync(join(staging, MANIFEST), 'utf8'));
    // Opening it checks it (and migrates a backup from an older Marquee); a newer one is refused here.
    const check = Store.open({ file: join(staging, 'marquee.db'), existingOnly: true });
    check.close();

    mkdirSync(dataDir, { recursive: true });
    const db = databaseFile(dataDir);
    for (const stale of [db, `${db}-wal`, `${db}-shm`, historyFileOf(db)]) rmSync(stale, { force: true });
    renameSync(join(staging, 'marquee.db'), db);
    for (const folder of MEDIA_FOLDERS) {
      const from = join(staging, folder);
      if (!existsSync(from)) continue;
      rmSync(join(dataDir, folder), { recursive: true, force: true });
      renameSync(from, join(dataDir, folder));
    }
    const config = join(staging, 'config');
    if (existsSync(config)) {
      rmSync(join(dataDir, 'restored-config'), { recursive: true, force: true });
      renameSync(config, join(dataDir, 'restored-config'));
    }
    const store = Store.open({ file: db });
    try {
      return store.startNewHistory();
    } finally {
      store.close();
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
