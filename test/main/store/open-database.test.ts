import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Venue } from '../../../main/domain/records.ts';
import { DatabaseOpenError } from '../../../main/store/errors.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { film } from './fixtures.ts';

/** How the store opens its file: created whole or not at all, an empty file refused, never a new venue by accident. */
describe('opening the database file', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = join(dir.path, 'marquee.db');
  });
  afterEach(() => dir.remove());

  it('creates a new database whole: a creation that fails leaves no marquee.db behind', () => {
    // A venue that cannot be written stops the creation half-way, as a crash or a full disk would.
    const unwritable = { id: 'venue', name: 'X', timezone: 'UTC', locales: ['en'], settings: { n: 1n } };
    expect(() => Store.open({ file, initialVenue: unwritable as unknown as Venue })).toThrow();
    expect(existsSync(file)).toBe(false);
    // The next start makes it properly, leaving no temporary file.
    const store = Store.open({ file });
    store.apply([film()]);
    expect(store.venue().name).toBe('My Venue');
    store.close();
    // Beside it only its WAL files and the history mark (see history-epoch.ts), no temporary file.
    expect(
      readdirSync(dir.path).filter((f) => !f.startsWith('marquee.db-') && f !== 'marquee.db.history'),
    ).toEqual(['marquee.db']);
    expect(statSync(file).size).toBeGreaterThan(0);
  });

  it('refuses an empty (0-byte) file with a clear message, leaving it untouched, instead of starting a new venue', () => {
    writeFileSync(file, '');
    let error: unknown;
    try {
      Store.open({ file }).close();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toMatch(/is empty \(0 bytes\).*restore the data folder from a backup/);
    expect(statSync(file).size).toBe(0);
  });

  it('reports nothing for a healthy file', () => {
    const store = Store.open({ file });
    expect(store.checkIntegrity()).toBeUndefined();
    expect(store.problems()).toEqual([]);
    store.close();
  });
});
