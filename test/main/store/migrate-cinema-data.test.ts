import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Snapshot } from '../../../main/domain/events.ts';
import { migrate } from '../../../main/store/migrate.ts';
import { migrations } from '../../../main/store/migrations/index.ts';
import { cinemaData } from '../../../main/store/migrations/004-cinema-data.ts';

/** The schema version just before the cinema-data migration. */
const cinemaDataIndex = cinemaData.version - 1;
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { rawDatabase } from '../../../main/store/raw-access.ts';

/**
 * A database at schema 2 (the last release before issue 13), filled the way
 * that release's store wrote it: a venue with its old settings, local and
 * upstream films tagged "IMAX · Laser" on the film, their shows (one hidden,
 * one cancelled locally), an announcement, an event log.
 */
function schema2Database(path: string): void {
  const db = new Database(path);
  migrate(db, migrations.slice(0, 2));
  db.exec(`
    INSERT INTO venue VALUES (1, 'harbourfront', 'Harbourfront', 'Asia/Singapore', '["en","zh-CN"]',
      '{"fewSeatsThreshold":12,"seatingMinutes":20,"graceMinutes":10,"cleaningMinutes":15,"staleAfterMinutes":30,"languageSeconds":10}', 4);
    INSERT INTO auditoriums VALUES ('aud-1', 'IMAX', 420, 'local', 1), ('aud-4', 'Screen 4', 210, 'local', 2),
      ('up-a1', 'Hall 1', 300, 'upstream', 1);
    INSERT INTO films VALUES
      ('film-tidewater', 'Tidewater', '{"zh-CN":"潮汐之城"}', 'PG13', 128, '/posters/t.svg', '["IMAX","Laser","Family"]', 'local', 3),
      ('film-plain', 'Plain', NULL, NULL, 90, NULL, '["Family"]', 'local', 1),
      ('up-f1', 'Orbit Nine', NULL, NULL, 141, NULL, '["3D","Dolby Atmos"]', 'upstream', 2);
    INSERT INTO showtimes VALUES
      ('st-1', 'film-tidewater', 'aud-1', '2030-01-01T11:00:00.000Z', '[]', 420, 400, 'scheduled', 'local', 1),
      ('st-2', 'film-tidewater', 'aud-4', '2030-01-01T12:00:00.000Z', '["3D"]', 210, 14, 'scheduled', 'local', 5),
      ('st-3', 'film-tidewater', 'aud-4', '2030-01-01T16:00:00.000Z', '["Premiere"]', 210, 210, 'scheduled', 'local', 1),
      ('st-4', 'film-plain', 'aud-4', '2030-01-01T20:00:00.000Z', '[]', 210, 210, 'scheduled', 'local', 1),
      ('up-s1', 'up-f1', 'up-a1', '2030-01-01T13:00:00.000Z', '[]', 300, 20, 'scheduled', 'upstream', 1),
      ('up-s2', 'up-f1', 'up-a1', '2030-01-01T17:00:00.000Z', '[]', 300, 300, 'scheduled', 'upstream', 1);
    INSERT INTO announcements VALUES ('ann-1', 'Welcome', NULL, NULL, NULL, 0, 'local', 1);
    INSERT INTO overrides VALUES ('showtime', 'up-s1', 1, 0, 'hidden here', 1, '2029-12-01T00:00:00.000Z'),
      ('showtime', 'up-s2', 0, 1, NULL, 1, '2029-12-01T00:00:00.000Z');
    INSERT INTO events (type, data, at) VALUES ('availability', '{"showtimeId":"st-2","seatsAvailable":14}', 1);
  `);
  db.close();
}

describe('migration 4 (cinema data) from schema 2', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'marquee.db');
    schema2Database(path);
  });
  afterEach(() => dir.remove());

  it('brings the venue settings forward: fewSeats from the old threshold, new settings at their defaults', () => {
    const store = Store.open({ file: path });
    // Every later migration runs too: the file ends at the newest version.
    expect(rawDatabase(store).pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(store.venue()).toMatchObject({
      version: 5,
      settings: {
        fewSeatsThreshold: 12,
        fewSeats: { percent: 0, floor: 12 },
        cleaningMinutes: 15,
        hourCycle: 'auto',
        businessDayStartsAt: '04:00',
        preShowMinutes: 15,
        tags: [],
      },
    });
    store.close();
  });

  it('moves format tags off every film onto its shows that carry no format, and keeps every film editable', () => {
    const store = Store.open({ file: path });
    const films = store.records.films;
    expect(films.get('film-tidewater')).toMatchObject({
      tags: ['Family'],
      version: 4,
      titles: { 'zh-CN': '潮汐之城' },
    });
    expect(films.get('film-plain')).toMatchObject({ tags: ['Family'], version: 1 });
    expect(films.get('up-f1')).toMatchObject({ tags: [], version: 3 });
    const shows = store.records.showtimes;
    expect(shows.get('st-1')).toMatchObject({ tags: ['IMAX', 'Laser'], version: 2 });
    // Already 3D: a format of its own, so it does not become IMAX too.
    expect(shows.get('st-2')).toMatchObject({ tags: ['3D'], version: 5 });
    expect(shows.get('st-3')).toMatchObject({ tags: ['Premiere', 'IMAX', 'Laser'], version: 2 });
    expect(shows.get('st-4')).toMatchObject({ tags: [], version: 1 });
    expect(shows.get('up-s1')).toMatchObject({ tags: ['3D', 'Dolby Atmos'], version: 2 });
    // The local film is editable again through the store's own rules.
    const film = films.get('film-tidewater')!;
    expect(() =>
      store.apply([{ type: 'film.upsert', data: { ...film, title: 'Tidewater!' } }]),
    ).not.toThrow();
    // A new upstream show of the upstream film gets the film's moved tags.
    store.apply(
      [
        {
          type: 'showtime.upsert',
          data: { ...shows.get('up-s2')!, id: 'up-s3', startsAt: '2030-01-02T13:00:00.000Z', tags: [] },
        },
      ],
      { origin: 'upstream' },
    );
    expect(shows.get('up-s3')?.tags).toEqual(['3D', 'Dolby Atmos']);
    store.close();
  });

  it('logs every change as an event, respecting local overrides, and audits the move', () => {
    const store = Store.open({ file: path });
    const events = store
      .eventsAfter(1)!
      .map((e) => ({ type: e.type, data: JSON.parse(e.json) as Record<string, unknown> }));
    expect(events.map((e) => `${e.type} ${String(e.data['id'])}`)).toEqual([
      'venue harbourfront',
      'film.upsert film-tidewater',
      'showtime.upsert st-1',
      'showtime.upsert st-3',
      'film.upsert up-f1',
      // up-s1 is hidden here: no screen hears of it.
      'showtime.upsert up-s2',
    ]);
    expect(events[5]!.data).toMatchObject({ status: 'cancelled', tags: ['3D', 'Dolby Atmos'], version: 2 });
    // Each event is the record as it now is, and parses with the feed schemas.
    const snap = Snapshot.parse(store.snapshot());
    for (const e of events.slice(1)) {
      const list = e.type === 'film.upsert' ? snap.films : snap.showtimes;
      expect(list.find((r) => r.id === e.data['id'])).toEqual(e.data);
    }
    expect(snap.venue).toEqual(events[0]!.data);
    const [entry] = store.audit.page(1);
    expect(entry).toMatchObject({
      action: 'migration.film-formats',
      actor: { kind: 'system', id: 'migration-3' },
      summary: 'Moved format tags from 2 film(s) to 4 of their showtimes',
    });
    store.close();
  });

  it('keeps every other row as it was, and reads old rows with the new optional fields absent', () => {
    const store = Store.open({ file: path });
    expect(store.records.auditoriums.get('aud-4')).toEqual({
      id: 'aud-4',
      name: 'Screen 4',
      capacity: 210,
      source: 'local',
      version: 2,
    });
    expect(store.records.announcements.get('ann-1')).toEqual({
      id: 'ann-1',
      text: 'Welcome',
      priority: 0,
      source: 'local',
      version: 1,
    });
    expect(store.overrides.get('showtime', 'up-s1')).toMatchObject({ hidden: true, note: 'hidden here' });
    expect(store.records.showtimes.get('st-2')).toEqual({
      id: 'st-2',
      filmId: 'film-tidewater',
      auditoriumId: 'aud-4',
      startsAt: '2030-01-01T12:00:00.000Z',
      tags: ['3D'],
      capacity: 210,
      seatsAvailable: 14,
      status: 'scheduled',
      source: 'local',
      version: 5,
    });
    store.close();
  });

  it('runs in one transaction: a failure part-way leaves the database as it was before it, untouched', () => {
    const db = new Database(path);
    // Refuse the migration's write to one film, after its columns were added and the venue moved.
    db.exec(`CREATE TRIGGER refuse BEFORE UPDATE OF tags ON films WHEN NEW.id = 'up-f1'
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const before = JSON.stringify(
      ['venue', 'films', 'showtimes', 'events', 'audit_log'].map((t) =>
        db.prepare(`SELECT * FROM ${t}`).all(),
      ),
    );
    // Migrations before it (3, idempotency keys) commit on their own; this one leaves no trace.
    expect(() => migrate(db, migrations)).toThrow('disk on fire');
    expect(db.pragma('user_version', { simple: true })).toBe(cinemaDataIndex);
    const columns = db.prepare('PRAGMA table_info(showtimes)').all() as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain('audio');
    expect(
      JSON.stringify(
        ['venue', 'films', 'showtimes', 'events', 'audit_log'].map((t) =>
          db.prepare(`SELECT * FROM ${t}`).all(),
        ),
      ),
    ).toBe(before);
    db.close();
  });
});
