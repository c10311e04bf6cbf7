import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { backupDataDir } from '../backup/backup.ts';
import { RestoreRefused, restoreDataDir } from '../backup/restore.ts';
import { DatabaseFromFutureError, DatabaseOpenError } from '../store/errors.ts';
import { defaultDataDir } from './data-dir.ts';
import { CommandError, parseFlags } from './flags.ts';

export const BACKUP_USAGE = `marquee backup [--data DIR] --to FILE [--config FILE]...

  Writes one archive (tar) of everything the venue needs back: the database,
  copied with SQLite's online backup while the hub keeps running, the poster
  and media folders, and the given config files.

  --data DIR     the hub's data folder (default as for serve)
  --to FILE      the archive to write; replaced whole, never half-written
  --config FILE  a config file to keep with it (repeatable)`;

export const RESTORE_USAGE = `marquee restore [--data DIR] --from FILE

  Puts a backup back. Refused while a hub runs on the folder. The restored
  database starts a new history, so every screen takes a fresh snapshot;
  config files from the archive land in DIR/restored-config/.

  --data DIR     the hub's data folder (default as for serve)
  --from FILE    the archive marquee backup wrote`;

const file = z.string({ error: 'is required' }).min(1, 'must name a file');
const BackupFlags = z.object({
  data: z.string().min(1).optional(),
  to: file,
  config: z.array(z.string().min(1)).default([]),
});
const RestoreFlags = z.object({ data: z.string().min(1).optional(), from: file });

const dataDirOf = (data: string | undefined) =>
  resolve(data ?? defaultDataDir(process.env, process.platform, homedir()));

export async function backup(args: string[]): Promise<void> {
  const flags = parseFlags(BackupFlags, args, {
    data: { type: 'string' },
    to: { type: 'string' },
    config: { type: 'string', multiple: true },
  });
  const dataDir = dataDirOf(flags.data);
  try {
    const summary = await backupDataDir({ dataDir, to: resolve(flags.to), configFiles: flags.config });
    process.stdout.write(
      `Backed up ${dataDir} to ${resolve(flags.to)}: ${summary.files} files, ${summary.bytes} bytes\n`,
    );
  } catch (err) {
    throw new CommandError(`backup failed: ${(err as Error).message}`);
  }
}

export function restore(args: string[]): Promise<void> {
  const flags = parseFlags(RestoreFlags, args, { data: { type: 'string' }, from: { type: 'string' } });
  const dataDir = dataDirOf(flags.data);
  try {
    const epoch = restoreDataDir({ from: resolve(flags.from), dataDir });
    process.stdout.write(`Restored ${resolve(flags.from)} into ${dataDir}; new event history ${epoch}\n`);
  } catch (err) {
    if (
      err instanceof RestoreRefused ||
      err instanceof DatabaseFromFutureError ||
      err instanceof DatabaseOpenError
    )
      throw new CommandError(err.message);
    throw err;
  }
  return Promise.resolve();
}
