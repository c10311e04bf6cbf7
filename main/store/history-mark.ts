import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { Epoch } from '../domain/event-id.ts';

/**
 * The high-water mark: a small file beside the database naming its history
 * and the highest sequence number that history may have handed out. It lives
 * outside the database on purpose: whatever takes the database back in time
 * (a lost WAL, a restored copy) leaves it alone. `HistoryEpoch` holds the rule
 * that reads it.
 */
const Mark = z.strictObject({ epoch: Epoch, seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export type HighWaterMark = z.infer<typeof Mark>;

/** `marquee.db` → `marquee.db.history`. */
export function historyFileOf(dbFile: string): string {
  return `${dbFile}.history`;
}

/** The mark, or `undefined` when the file is missing or unreadable (both mean: nothing can be vouched for). */
export function readMark(file: string): HighWaterMark | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = Mark.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces the mark atomically and durably: a temporary file, fsynced, renamed
 * over the old one, then the folder fsynced so the rename itself survives a
 * power cut. A reader sees the old mark or the new one, never half of one.
 * Fails as a storage error (disk full, read-only) so a write that needed it
 * is refused the way any other storage failure is.
 */
export function writeMark(file: string, mark: HighWaterMark): void {
  const temp = `${file}.tmp`;
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(mark)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    const dir = openSync(dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch (err) {
    rmSync(temp, { force: true });
    throw asStorageError(err);
  }
}

function asStorageError(err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const sqlite =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'SQLITE_FULL'
      : code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
        ? 'SQLITE_READONLY'
        : 'SQLITE_IOERR';
  return new Database.SqliteError(`the history file could not be written: ${String(err)}`, sqlite);
}
