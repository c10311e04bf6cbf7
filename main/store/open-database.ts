import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseFromFutureError, DatabaseOpenError } from './errors.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { describeError, isStorageError } from './storage-errors.ts';

/** Lines of `PRAGMA quick_check` worth repeating in health; the rest are counted. */
const CHECK_LINES_SHOWN = 3;

/**
 * Opens the hub's database file, ready for the store: WAL, `synchronous=FULL`,
 * migrated. A missing file is made whole under a temporary name by `init`
 * and renamed into place, so Marquee never leaves an empty or half-made
 * `marquee.db` behind a crash. An existing empty file is refused: it is a
 * lost database, not a new venue.
 */
export function openDatabase(
  file: string,
  init: (db: Database.Database) => void,
  existingOnly = false,
): Database.Database {
  if (!existsSync(file)) {
    if (existingOnly) throw new DatabaseOpenError(`there is no Marquee database at ${file}`);
    createWhole(file, init);
  } else if (statSync(file).size === 0) {
    throw new DatabaseOpenError(
      `${file} is empty (0 bytes), so it holds no venue. If this is a new install, delete it and ` +
        'start again; otherwise restore the data folder from a backup. Marquee left it untouched.',
    );
  }
  const db = new Database(file, { fileMustExist: true });
  try {
    // WAL: readers never block the writer. synchronous=FULL: a write the
    // API acknowledged survives a power cut, not only a crash (see README).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (existingOnly) refuseOutdated(db, file);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof DatabaseFromFutureError || !isStorageError(err)) throw err;
    throw new DatabaseOpenError(
      `${file} cannot be opened: ${describeError(err)} (${err.code}). Check the file and its folder ` +
        '(space, permissions); if it is damaged, restore the data folder from a backup.',
      { cause: err },
    );
  }
}

/** A tool beside a running hub must not upgrade the schema under it. */
function refuseOutdated(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (version < latest) {
    throw new DatabaseOpenError(
      `${file} was written by an older Marquee (schema ${version}, this one uses ${latest}): ` +
        'start the hub of this version once to upgrade it, then run this again',
    );
  }
}

/**
 * What `PRAGMA quick_check` reports, as one sentence; `undefined` when it
 * says `ok`. It reads every page: about 0.2 s for a 70 MB database here.
 */
export function integrityProblem(db: Database.Database): string | undefined {
  let lines: string[];
  try {
    lines = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
  } catch (err) {
    lines = [describeError(err)];
  }
  if (lines.length === 1 && lines[0] === 'ok') return undefined;
  const more = lines.length > CHECK_LINES_SHOWN ? ` (and ${lines.length - CHECK_LINES_SHOWN} more)` : '';
  return `the database failed its integrity check at start-up: ${lines.slice(0, CHECK_LINES_SHOWN).join('; ')}${more}`;
}

/** Builds a new database under a temporary name and renames it into place, durably. */
function createWhole(file: string, init: (db: Database.Database) => void): void {
  const temp = `${file}.new`;
  for (const leftover of [temp, `${temp}-journal`]) rmSync(leftover, { force: true });
  const db = new Database(temp);
  try {
    migrate(db, migrations);
    init(db);
  } finally {
    db.close();
  }
  const fd = openSync(temp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  syncFolder(dirname(file));
}

/** Makes a rename durable. Windows cannot open a folder; its renames are durable by themselves. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* not supported here */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
