import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { databaseFile } from '../hub.ts';
import { packageVersion } from '../paths.ts';
import { copyDatabase } from '../store/database-copy.ts';
import { TarWriter } from './tar.ts';

/** Folders of the data folder that a venue needs back, besides the database. */
export const MEDIA_FOLDERS = ['posters', 'media'] as const;
export const MANIFEST = 'marquee-backup.json';
export const CONFIG_FOLDER = 'config';

export interface BackupOptions {
  dataDir: string;
  /** The archive to write (replaced whole, never half-written). */
  to: string;
  /** Config files to keep with it (the `--config` file, say). Default none. */
  configFiles?: readonly string[];
}

export interface BackupSummary {
  files: number;
  bytes: number;
}

/** Every regular file under `dir`, as paths relative to it with forward slashes; temp files left out. */
function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // A poster being written is a dot-file; it is not part of the venue yet.
    if (entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/**
 * One tar archive of what a venue needs back: the database (copied with
 * SQLite's online backup, so the hub may run), the poster and media folders,
 * and config files. Written beside `to` and renamed into place.
 */
export async function backupDataDir(o: BackupOptions): Promise<BackupSummary> {
  const db = databaseFile(o.dataDir);
  if (!existsSync(db)) throw new Error(`no Marquee database in ${o.dataDir}`);
  mkdirSync(dirname(o.to), { recursive: true });
  const partial = `${o.to}.partial`;
  const dbCopy = `${o.to}.db.partial`;
  rmSync(dbCopy, { force: true });
  try {
    await copyDatabase(db, dbCopy);
    const fd = openSync(partial, 'w');
    let files = 0;
    try {
      const tar = new TarWriter(fd);
      const manifest = { format: 1, version: packageVersion(), createdAt: new Date().toISOString() };
      tar.addBuffer(MANIFEST, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
      tar.addFile('marquee.db', dbCopy);
      files++;
      for (const folder of MEDIA_FOLDERS) {
        for (const rel of filesUnder(join(o.dataDir, folder))) {
          tar.addFile(`${folder}/${rel}`, join(o.dataDir, folder, rel));
          files++;
        }
      }
      for (const file of o.configFiles ?? []) {
        tar.addFile(`${CONFIG_FOLDER}/${basename(file)}`, file);
        files++;
      }
      tar.end();
    } finally {
      closeSync(fd);
    }
    renameSync(partial, o.to);
    return { files, bytes: statSync(o.to).size };
  } finally {
    rmSync(dbCopy, { force: true });
    rmSync(partial, { force: true });
  }
}
