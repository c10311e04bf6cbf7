import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../main/log.ts';
import { FeedApplier } from '../../../main/relay/feed-applier.ts';
import { LogThrottle } from '../../../main/relay/log-throttle.ts';
import { Store, UPSTREAM_ID_KEY } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { auditorium, film, showtime } from '../store/fixtures.ts';

/** Records as an upstream hub sends them: with its own versions and its own idea of `source`. */
const up = {
  venue: (name = 'Central') => ({
    id: 'central',
    name,
    timezone: 'Europe/London',
    locales: ['en'],
    version: 4,
  }),
  aud: (id: string, capacity = 100) => ({ id, name: `Screen ${id}`, capacity, source: 'local', version: 3 }),
  film: (id: string, title = `Film ${id}`) => ({ id, title, runtimeMinutes: 100, tags: [], version: 9 }),
  show: (id: string, seats = 100, filmId = 'uf1', auditoriumId = 'ua1') => ({
    id,
    filmId,
    auditoriumId,
    startsAt: '2030-01-01T19:00:00Z',
    tags: [],
    capacity: 100,
    seatsAvailable: seats,
    status: 'scheduled',
    source: 'upstream',
    version: 12,
  }),
  ann: (id: string, text = `Note ${id}`) => ({ id, text, priority: 0, version: 2 }),
};

const snapshot = (
  parts: Partial<Record<'auditoriums' | 'films' | 'showtimes' | 'announcements', unknown[]>>,
) => ({
  seq: 100,
  venue: up.venue(),
  auditoriums: [],
  films: [],
  showtimes: [],
  announcements: [],
  status: { upstream: 'live', lastUpstreamEventAt: null },
  ...parts,
});

const baseline = () =>
  snapshot({
    auditoriums: [up.aud('ua1'), up.aud('ua2')],
    films: [up.film('uf1'), up.film('uf2')],
    showtimes: [up.show('us1'), up.show('us2', 50, 'uf2', 'ua2')],
    announcements: [up.ann('un1')],
  });

describe('FeedApplier', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let log: ReturnType<typeof memoryLogger>;
  let applier: FeedApplier;

  beforeEach(() => {
    dir = tempDir();
    store = Store.open({ file: join(dir.path, 'marquee.db') });
    log = memoryLogger();
    applier = new FeedApplier({
      store,
      log,
      warn: new LogThrottle(log),
      meta: () => ({ 'upstream.test': 'yes' }),
    });
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const send = (type: string, data: unknown, id: string) =>
    applier.add({ type, data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: id });
  const lastId = () => store.meta.get(UPSTREAM_ID_KEY);
  const logged = (fromSeq: number) =>
    (store.eventsAfter(fromSeq) ?? []).filter((e) => e.type !== 'status').map((e) => e.type);
  const lines = () => log.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const applyCalls = () => vi.spyOn(store, 'apply');

  describe('snapshots', () => {
    it('applies a snapshot in one transaction, as upstream records with versions of its own', () => {
      const spy = applyCalls();
      send('snapshot', baseline(), '100');
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![1]).toMatchObject({ origin: 'upstream', upstreamId: '100' });
      expect(lastId()).toBe('100');
      expect(store.meta.get('upstream.test')).toBe('yes');
      const snap = store.snapshot();
      expect(snap.venue).toMatchObject({ id: 'central', name: 'Central', timezone: 'Europe/London' });
      expect(snap.showtimes.map((s) => [s.id, s.source, s.version])).toEqual([
        ['us1', 'upstream', 1],
        ['us2', 'upstream', 1],
      ]);
      expect(snap.auditoriums.every((a) => a.source === 'upstream' && a.version === 1)).toBe(true);
      expect(applier.stats).toMatchObject({ received: 1, applied: 1, snapshots: 1, transactions: 1 });
    });

    it('replaces upstream records in one transaction: removes showtimes before their films, keeps local ones', () => {
      send('snapshot', baseline(), '100');
      // Staff's own film, showtime in an upstream auditorium, and announcement.
      store.apply([film('lf1'), showtime('ls1', { filmId: 'lf1', auditoriumId: 'ua1' })]);
      store.apply([
        { type: 'announcement.upsert', data: { id: 'ln1', text: 'Local', priority: 0, source: 'local' } },
      ]);
      const before = store.seq;
      const spy = applyCalls();

      send(
        'snapshot',
        snapshot({
          auditoriums: [up.aud('ua1')], // ua2 gone
          films: [up.film('uf1')], // uf2 gone
          showtimes: [up.show('us1', 80)], // us2 gone, us1 sold 20
          announcements: [up.ann('un2')], // un1 gone, un2 new
        }),
        '200',
      );
      expect(spy).toHaveBeenCalledTimes(1);
      expect(logged(before)).toEqual([
        'showtime.remove',
        'showtime.upsert',
        'announcement.remove',
        'announcement.upsert',
        'film.remove',
        'auditorium.remove',
      ]);
      const snap = store.snapshot();
      expect(snap.showtimes.map((s) => [s.id, s.seatsAvailable, s.source])).toEqual([
        ['ls1', 100, 'local'],
        ['us1', 80, 'upstream'],
      ]);
      expect(snap.films.map((f) => f.id).sort()).toEqual(['lf1', 'uf1']);
      expect(snap.auditoriums.map((a) => a.id)).toEqual(['ua1']);
      expect(snap.announcements.map((a) => a.id).sort()).toEqual(['ln1', 'un2']);
      expect(lastId()).toBe('200');
    });

    it('changes nothing when the same snapshot comes again, and logs no events', () => {
      send('snapshot', baseline(), '100');
      const before = store.seq;
      send('snapshot', baseline(), '101');
      expect(logged(before)).toEqual([]);
      expect(lastId()).toBe('101');
    });

    it('keeps local settings of the venue; the feed sets name, zone and locales', () => {
      store.apply([
        {
          type: 'venue',
          data: { ...store.venue(), settings: { ...store.venue().settings, fewSeatsThreshold: 7 } },
        },
      ]);
      send(
        'snapshot',
        { ...baseline(), venue: { ...up.venue('Renamed'), settings: { fewSeatsThreshold: 99 } } },
        '1',
      );
      expect(store.venue()).toMatchObject({ name: 'Renamed', settings: { fewSeatsThreshold: 7 } });
    });

    it('leaves out what the store would refuse, reports it, and applies the rest', () => {
      store.apply([auditorium('ua1'), film('uf1')]); // local records with ids the feed also uses
      send(
        'snapshot',
        snapshot({
          auditoriums: [up.aud('ua1'), up.aud('ua2')],
          films: [up.film('uf1'), up.film('uf2')],
          showtimes: [
            up.show('us1', 100, 'uf2', 'ua2'),
            up.show('us2', 100, 'nope', 'ua2'), // unknown film
            { ...up.show('us3'), seatsAvailable: 500 }, // more seats than capacity
          ],
        }),
        '5',
      );
      const snap = store.snapshot();
      expect(snap.auditoriums.map((a) => [a.id, a.source])).toEqual([
        ['ua1', 'local'],
        ['ua2', 'upstream'],
      ]);
      expect(snap.films.find((f) => f.id === 'uf1')?.source).toBe('local');
      expect(snap.showtimes.map((s) => s.id)).toEqual(['us1']);
      const problems = lines()
        .filter((l) => l['message'] === 'upstream snapshot record')
        .map((l) => String(l['problem']));
      expect(problems).toEqual([
        'auditorium ua1: a local record has this id here; the upstream copy is ignored',
        'film uf1: a local record has this id here; the upstream copy is ignored',
        expect.stringMatching(/^showtime us3: seatsAvailable: must be between 0 and capacity/),
        'showtime us2: film nope is not in the snapshot; the showtime is left out',
      ]);
      expect(lastId()).toBe('5');
    });

    it('keeps a held record the feed sent in a shape it cannot read, rather than deleting it', () => {
      send('snapshot', baseline(), '1');
      send(
        'snapshot',
        { ...baseline(), showtimes: [up.show('us1'), { ...up.show('us2'), startsAt: 'tonight' }] },
        '2',
      );
      expect(store.snapshot().showtimes.map((s) => s.id)).toEqual(['us1', 'us2']);
    });

    it('keeps a film gone upstream while a local showtime still uses it', () => {
      send('snapshot', baseline(), '1');
      store.apply([showtime('ls1', { filmId: 'uf2', auditoriumId: 'ua2' })]);
      send(
        'snapshot',
        snapshot({ auditoriums: [up.aud('ua1')], films: [up.film('uf1')], showtimes: [up.show('us1')] }),
        '2',
      );
      const snap = store.snapshot();
      expect(snap.films.map((f) => f.id).sort()).toEqual(['uf1', 'uf2']);
      expect(snap.auditoriums.map((a) => a.id)).toEqual(['ua1', 'ua2']);
      expect(snap.showtimes.map((s) => s.id)).toEqual(['ls1', 'us1']);
      expect(log.lines.join('\n')).toContain(
        'film uf2: gone upstream but still used by a showtime here; kept',
      );
    });

    it('skips a snapshot that is not JSON or not a snapshot, and still moves the id on', () => {
      send('snapshot', baseline(), '1');
      send('snapshot', '{"seq":', '2');
      expect(lastId()).toBe('2');
      send('snapshot', { seq: 3, films: 'many' }, '3');
      expect(lastId()).toBe('3');
      expect(store.snapshot().showtimes).toHaveLength(2);
      const skipped = lines().filter((l) => l['message'] === 'upstream event skipped');
      expect(skipped.map((l) => [l['id'], l['event']])).toEqual([
        ['2', 'snapshot'],
        ['3', 'snapshot'],
      ]);
      expect(applier.stats.skipped).toBe(2);
    });
  });

  describe('deltas', () => {
    beforeEach(() => send('snapshot', baseline(), '100'));

    it('commits the events of one chunk in one transaction, with the last id', () => {
      const spy = applyCalls();
      for (let i = 1; i <= 50; i++)
        send('availability', { showtimeId: 'us1', seatsAvailable: 100 - i }, String(100 + i));
      expect(spy).not.toHaveBeenCalled();
      applier.flush();
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![0]).toHaveLength(50);
      expect(lastId()).toBe('150');
      expect(store.records.showtimes.get('us1')?.seatsAvailable).toBe(50);
      expect(applier.stats).toMatchObject({ applied: 51, transactions: 2 });
    });

    it('skips an event a store rule refuses, applies the rest of the batch, and moves the id on', () => {
      store.apply([showtime('ls1', { filmId: 'uf1', auditoriumId: 'ua1' })]);
      send('availability', { showtimeId: 'us1', seatsAvailable: 90 }, '101');
      send('availability', { showtimeId: 'ghost', seatsAvailable: 1 }, '102');
      send('availability', { showtimeId: 'ls1', seatsAvailable: 1 }, '103'); // a local show: not the feed's
      send('showtime.upsert', up.show('us9', 100, 'no-film'), '104');
      send('availability', { showtimeId: 'us1', seatsAvailable: 80 }, '105');
      applier.flush();
      expect(store.records.showtimes.get('us1')?.seatsAvailable).toBe(80);
      expect(store.records.showtimes.get('ls1')?.seatsAvailable).toBe(100);
      expect(lastId()).toBe('105');
      const refused = lines().filter(
        (l) => l['message'] === 'upstream event refused by a store rule; skipped',
      );
      expect(refused.map((l) => [l['id'], l['event']])).toEqual([
        ['102', 'availability'],
        ['103', 'availability'],
        ['104', 'showtime.upsert'],
      ]);
      expect(applier.stats.skipped).toBe(3);
    });

    it('logs and skips invalid JSON and invalid shapes, with their ids, and goes on', () => {
      send('availability', '{not json', '101');
      send('availability', { showtimeId: 'us1', seatsAvailable: -3 }, '102');
      send('film.upsert', { id: 'bad id!', title: 'X', runtimeMinutes: 90 }, '103');
      send('availability', { showtimeId: 'us1', seatsAvailable: 70 }, '104');
      applier.flush();
      expect(store.records.showtimes.get('us1')?.seatsAvailable).toBe(70);
      expect(lastId()).toBe('104');
      const skipped = lines().filter((l) => l['message'] === 'upstream event skipped');
      expect(skipped.map((l) => [l['id'], l['event']])).toEqual([
        ['101', 'availability'],
        ['102', 'availability'],
        ['103', 'film.upsert'],
      ]);
      expect(String(skipped[1]!['reason'])).toContain('seatsAvailable');
    });

    it('ignores status events of a chained hub, and unknown types (logged once)', () => {
      const before = store.seq;
      send('status', { upstream: 'offline', lastUpstreamEventAt: null }, '101');
      send('message', 'hello', '102');
      send('message', 'again', '103');
      applier.flush();
      expect(store.seq).toBe(before);
      expect(lastId()).toBe('103');
      expect(log.lines.filter((l) => l.includes('event type Marquee does not know'))).toHaveLength(1);
      expect(applier.stats).toMatchObject({ ignored: 1, skipped: 2 });
    });

    it("drops the sender's versions and makes its records upstream-owned", () => {
      send('film.upsert', { ...up.film('uf1', 'New title'), source: 'local', version: 77 }, '101');
      send('venue', { ...up.venue('Central Plaza'), version: 40 }, '102');
      applier.flush();
      expect(store.records.films.get('uf1')).toMatchObject({
        title: 'New title',
        source: 'upstream',
        version: 2,
      });
      expect(store.venue()).toMatchObject({ name: 'Central Plaza', version: 3 });
    });

    it('records an id that came without data', () => {
      applier.cursor('120');
      applier.flush();
      expect(lastId()).toBe('120');
    });

    it('rethrows a failure that is not a store rule and leaves the id where it was', () => {
      send('availability', { showtimeId: 'us1', seatsAvailable: 10 }, '101');
      vi.spyOn(store, 'apply').mockImplementationOnce(() => {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      });
      expect(() => applier.flush()).toThrow(/disk is full/);
      expect(lastId()).toBe('100');
      expect(store.records.showtimes.get('us1')?.seatsAvailable).toBe(100);
    });
  });

  it('throttles warnings about a flood of bad events', () => {
    for (let i = 0; i < 100; i++) send('availability', '{', String(i));
    applier.flush();
    expect(lines().filter((l) => l['message'] === 'upstream event skipped')).toHaveLength(20);
    expect(applier.stats.skipped).toBe(100);
    expect(lastId()).toBe('99');
  });
});
