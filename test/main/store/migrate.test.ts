import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DatabaseFromFutureError } from '../../../main/store/errors.ts';
import { migrate } from '../../../main/store/migrate.ts';
import type { Migration } from '../../../main/store/migrations/migration.ts';
import { migrations } from '../../../main/store/migrations/index.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { rawDatabase } from '../../../main/store/raw-access.ts';

describe('migrations', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());
  const file = (name: string) => join(dir.path, name);

  it('brings a new database to the latest version', () => {
    const db = new Database(file('new.db'));
    expect(migrate(db, migrations)).toEqual({ from: 0, to: migrations.length });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['venue', 'films', 'showtimes', 'events', 'meta']));
    // Running again is a no-op.
    expect(migrate(db, migrations)).toEqual({ from: migrations.length, to: migrations.length });
    db.close();
  });

  it('refuses a database from the future and leaves it untouched', () => {
    const path = file('future.db');
    const db = new Database(path);
    db.exec('CREATE TABLE mystery (x)');
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();

    expect(() => Store.open({ file: path })).toThrow(DatabaseFromFutureError);
    expect(() => Store.open({ file: path })).toThrow(/newer than this Marquee supports/);

    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(migrations.length + 5);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual([
      'mystery',
    ]);
    after.close();
  });

  it('applies each migration whole or not at all', () => {
    const db = new Database(file('partial.db'));
    const failing: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x)') },
      {
        version: 2,
        name: 'two',
        up: (d) => {
          d.exec('CREATE TABLE two (x)');
          throw new Error('disk on fire');
        },
      },
    ];
    expect(() => migrate(db, failing)).toThrow('disk on fire');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toContain('one');
    expect(tables).not.toContain('two');
    db.close();
  });

  it('rejects a migration list with gaps', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'gap', up: () => {} }])).toThrow(/expected 1/);
    db.close();
  });

  it('opens in WAL mode with full sync', () => {
    const store = Store.open({ file: file('wal.db') });
    expect(rawDatabase(store).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(rawDatabase(store).pragma('synchronous', { simple: true })).toBe(2);
    store.close();
  });
});
