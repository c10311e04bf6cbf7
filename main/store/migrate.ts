import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration.ts';
import { DatabaseFromFutureError } from './errors.ts';

/**
 * Brings the database up to the newest migration. Each step runs in its own
 * transaction with its `user_version` bump, so a crash leaves the database at
 * a whole version. A database newer than this code is refused untouched:
 * running old code on it could silently drop data it does not understand.
 */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  const latest = migrations.at(-1)?.version ?? 0;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) throw new DatabaseFromFutureError(from, latest);
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: latest };
}
