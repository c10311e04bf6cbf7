import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, writeSync } from 'node:fs';

/**
 * Damages a real database file the way a torn write or a failing disk does:
 * the root page of each named table is overwritten with garbage. The rest
 * of the file (other tables, the schema) still reads.
 */
export function corruptTables(file: string, tables: readonly string[]): void {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const roots = tables.map(
    (t) => db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(t) as number,
  );
  db.close();
  const fd = openSync(file, 'r+');
  try {
    for (const root of roots) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes a file really read-only: no write permission, and for root (whom
 * permissions do not stop) the immutable attribute too. Returns the undo, or
 * `undefined` where this machine cannot make it so (root without chattr).
 */
export function makeReadOnly(file: string): (() => void) | undefined {
  chmodSync(file, 0o444);
  if (process.getuid?.() !== 0) return () => chmodSync(file, 0o644);
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
  } catch {
    chmodSync(file, 0o644);
    return undefined;
  }
  return () => {
    execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    chmodSync(file, 0o644);
  };
}
