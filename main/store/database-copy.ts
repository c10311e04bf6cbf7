import Database from 'better-sqlite3';

/**
 * Copies the database at `source` to `dest` with SQLite's online backup, on
 * a connection of its own, so the hub may keep writing meanwhile. A write
 * between two steps restarts the copy; after the first step the rest goes
 * in one step (under one read lock), so a busy hub cannot keep it from
 * finishing. The copy is checked before it is handed back.
 */
export async function copyDatabase(source: string, dest: string): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(dest, { progress: () => Number.MAX_SAFE_INTEGER });
  } finally {
    db.close();
  }
  const copy = new Database(dest, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma('quick_check', { simple: true }) as string;
    if (result !== 'ok') throw new Error(`the copy failed its check: ${result}`);
  } finally {
    copy.close();
  }
}
