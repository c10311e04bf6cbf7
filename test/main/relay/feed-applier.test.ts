import { beforeEach, describe, expect, it, vi } from 'vitest';
import { auditorium, film, showtime } from '../store/fixtures.ts';
import { applierHarness, baseline, snapshot, up } from './support/applier-harness.ts';

describe('FeedApplier', () => {
  const h = applierHarness();

  describe('snapshots', () => {
    it('applies a snapshot in one transaction, as upstream records with versions of its own', () => {
      const spy = h.applyCalls();
      h.send('snapshot', baseline(), '100');
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![1]).toMatchObject({ origin: 'upstream', upstreamId: '100' });
      expect(h.lastId()).toBe('100');
      expect(h.store.meta.get('upstream.test')).toBe('yes');
      const snap = h.store.snapshot();
      expect(snap.venue).toMatchObject({ id: 'central', name: 'Central', timezone: 'Europe/London' });
      expect(snap.showtimes.map((s) => [s.id, s.source, s.version])).toEqual([
        ['us1', 'upstream', 1],
        ['us2', 'upstream', 1],
      ]);
      expect(snap.auditoriums.every((a) => a.source === 'upstream' && a.version === 1)).toBe(true);
      expect(h.applier.stats).toMatchObject({ received: 1, applied: 1, snapshots: 1, transactions: 1 });
    });

    it('replaces upstream records in one transaction: removes showtimes before their films, keeps local ones', () => {
      h.send('snapshot', baseline(), '100');
      // Staff's own film, showtime in an upstream auditorium, and announcement.
      h.store.apply([film('lf1'), showtime('ls1', { filmId: 'lf1', auditoriumId: 'ua1' })]);
      h.store.apply([
        { type: 'announcement.upsert', data: { id: 'ln1', text: 'Local', priority: 0, source: 'local' } },
      ]);
      const before = h.store.seq;
      const spy = h.applyCalls();

      h.send(
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
      expect(h.logged(before)).toEqual([
        'showtime.remove',
        'showtime.upsert',
        'announcement.remove',
        'announcement.upsert',
        'film.remove',
        'auditorium.remove',
      ]);
      const snap = h.store.snapshot();
      expect(snap.showtimes.map((s) => [s.id, s.seatsAvailable, s.source])).toEqual([
        ['ls1', 100, 'local'],
        ['us1', 80, 'upstream'],
      ]);
      expect(snap.films.map((f) => f.id).sort()).toEqual(['lf1', 'uf1']);
      expect(snap.auditoriums.map((a) => a.id)).toEqual(['ua1']);
      expect(snap.announcements.map((a) => a.id).sort()).toEqual(['ln1', 'un2']);
      expect(h.lastId()).toBe('200');
    });

    it('changes nothing when the same snapshot comes again, and logs no events', () => {
      h.send('snapshot', baseline(), '100');
      const before = h.store.seq;
      h.send('snapshot', baseline(), '101');
      expect(h.logged(before)).toEqual([]);
      expect(h.lastId()).toBe('101');
    });

    it('keeps local settings of the venue; the feed sets name, zone and locales', () => {
      h.store.apply([
        {
          type: 'venue',
          data: { ...h.store.venue(), settings: { ...h.store.venue().settings, fewSeatsThreshold: 7 } },
        },
      ]);
      h.send(
        'snapshot',
        { ...baseline(), venue: { ...up.venue('Renamed'), settings: { fewSeatsThreshold: 99 } } },
        '1',
      );
      expect(h.store.venue()).toMatchObject({ name: 'Renamed', settings: { fewSeatsThreshold: 7 } });
    });

    it('leaves out what the store would refuse, reports it, and applies the rest', () => {
      h.store.apply([auditorium('ua1'), film('uf1')]); // local records with ids the feed also uses
      h.send(
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
      const snap = h.store.snapshot();
      expect(snap.auditoriums.map((a) => [a.id, a.source])).toEqual([
        ['ua1', 'local'],
        ['ua2', 'upstream'],
      ]);
      expect(snap.films.find((f) => f.id === 'uf1')?.source).toBe('local');
      expect(snap.showtimes.map((s) => s.id)).toEqual(['us1']);
      const problems = h
        .lines()
        .filter((l) => l['message'] === 'upstream snapshot record')
        .map((l) => String(l['problem']));
      expect(problems).toEqual([
        'auditorium ua1: a local record has this id here; the upstream copy is ignored',
        'film uf1: a local record has this id here; the upstream copy is ignored',
        expect.stringMatching(/^showtime us3: seatsAvailable: must be between 0 and capacity/),
        'showtime us2: film nope is not in the snapshot; the showtime is left out',
      ]);
      expect(h.lastId()).toBe('5');
    });

    it('keeps a held record the feed sent in a shape it cannot read, rather than deleting it', () => {
      h.send('snapshot', baseline(), '1');
      h.send(
        'snapshot',
        { ...baseline(), showtimes: [up.show('us1'), { ...up.show('us2'), startsAt: 'tonight' }] },
        '2',
      );
      expect(h.store.snapshot().showtimes.map((s) => s.id)).toEqual(['us1', 'us2']);
    });

    it('keeps a film gone upstream while a local showtime still uses it', () => {
      h.send('snapshot', baseline(), '1');
      h.store.apply([showtime('ls1', { filmId: 'uf2', auditoriumId: 'ua2' })]);
      h.send(
        'snapshot',
        snapshot({ auditoriums: [up.aud('ua1')], films: [up.film('uf1')], showtimes: [up.show('us1')] }),
        '2',
      );
      const snap = h.store.snapshot();
      expect(snap.films.map((f) => f.id).sort()).toEqual(['uf1', 'uf2']);
      expect(snap.auditoriums.map((a) => a.id)).toEqual(['ua1', 'ua2']);
      expect(snap.showtimes.map((s) => s.id)).toEqual(['ls1', 'us1']);
      expect(h.log.lines.join('\n')).toContain(
        'film uf2: gone upstream but still used by a showtime here; kept',
      );
    });

    it('skips a snapshot that is not JSON or not a snapshot, and still moves the id on', () => {
      h.send('snapshot', baseline(), '1');
      h.send('snapshot', '{"seq":', '2');
      expect(h.lastId()).toBe('2');
      h.send('snapshot', { seq: 3, films: 'many' }, '3');
      expect(h.lastId()).toBe('3');
      expect(h.store.snapshot().showtimes).toHaveLength(2);
      const skipped = h.lines().filter((l) => l['message'] === 'upstream event skipped');
      expect(skipped.map((l) => [l['id'], l['event']])).toEqual([
        ['2', 'snapshot'],
        ['3', 'snapshot'],
      ]);
      expect(h.applier.stats.skipped).toBe(2);
    });
  });

  describe('deltas', () => {
    beforeEach(() => h.send('snapshot', baseline(), '100'));

    it('commits the events of one chunk in one transaction, with the last id', () => {
      const spy = h.applyCalls();
      for (let i = 1; i <= 50; i++)
        h.send('availability', { showtimeId: 'us1', seatsAvailable: 100 - i }, String(100 + i));
      expect(spy).not.toHaveBeenCalled();
      h.applier.flush();
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![0]).toHaveLength(50);
      expect(h.lastId()).toBe('150');
      expect(h.store.records.showtimes.get('us1')?.seatsAvailable).toBe(50);
      expect(h.applier.stats).toMatchObject({ applied: 51, transactions: 2 });
    });

    it('skips an event a store rule refuses, applies the rest of the batch, and moves the id on', () => {
      h.store.apply([showtime('ls1', { filmId: 'uf1', auditoriumId: 'ua1' })]);
      h.send('availability', { showtimeId: 'us1', seatsAvailable: 90 }, '101');
      h.send('availability', { showtimeId: 'ghost', seatsAvailable: 1 }, '102');
      h.send('availability', { showtimeId: 'ls1', seatsAvailable: 1 }, '103'); // a local show: not the feed's
      h.send('showtime.upsert', up.show('us9', 100, 'no-film'), '104');
      h.send('availability', { showtimeId: 'us1', seatsAvailable: 80 }, '105');
      h.applier.flush();
      expect(h.store.records.showtimes.get('us1')?.seatsAvailable).toBe(80);
      expect(h.store.records.showtimes.get('ls1')?.seatsAvailable).toBe(100);
      expect(h.lastId()).toBe('105');
      const refused = h
        .lines()
        .filter((l) => l['message'] === 'upstream event refused by a store rule; skipped');
      expect(refused.map((l) => [l['id'], l['event']])).toEqual([
        ['102', 'availability'],
        ['103', 'availability'],
        ['104', 'showtime.upsert'],
      ]);
      expect(h.applier.stats.skipped).toBe(3);
    });

    it('logs and skips invalid JSON and invalid shapes, with their ids, and goes on', () => {
      h.send('availability', '{not json', '101');
      h.send('availability', { showtimeId: 'us1', seatsAvailable: -3 }, '102');
      h.send('film.upsert', { id: 'bad id!', title: 'X', runtimeMinutes: 90 }, '103');
      h.send('availability', { showtimeId: 'us1', seatsAvailable: 70 }, '104');
      h.applier.flush();
      expect(h.store.records.showtimes.get('us1')?.seatsAvailable).toBe(70);
      expect(h.lastId()).toBe('104');
      const skipped = h.lines().filter((l) => l['message'] === 'upstream event skipped');
      expect(skipped.map((l) => [l['id'], l['event']])).toEqual([
        ['101', 'availability'],
        ['102', 'availability'],
        ['103', 'film.upsert'],
      ]);
      expect(String(skipped[1]!['reason'])).toContain('seatsAvailable');
    });

    it('ignores status events of a chained hub, and unknown types (logged once)', () => {
      const before = h.store.seq;
      h.send('status', { upstream: 'offline', lastUpstreamEventAt: null }, '101');
      h.send('message', 'hello', '102');
      h.send('message', 'again', '103');
      h.applier.flush();
      expect(h.store.seq).toBe(before);
      expect(h.lastId()).toBe('103');
      expect(h.log.lines.filter((l) => l.includes('event type Marquee does not know'))).toHaveLength(1);
      expect(h.applier.stats).toMatchObject({ ignored: 1, skipped: 2 });
    });

    it("drops the sender's versions and makes its records upstream-owned", () => {
      h.send('film.upsert', { ...up.film('uf1', 'New title'), source: 'local', version: 77 }, '101');
      h.send('venue', { ...up.venue('Central Plaza'), version: 40 }, '102');
      h.applier.flush();
      expect(h.store.records.films.get('uf1')).toMatchObject({
        title: 'New title',
        source: 'upstream',
        version: 2,
      });
      expect(h.store.venue()).toMatchObject({ name: 'Central Plaza', version: 3 });
    });

    it('records an id that came without data', () => {
      h.applier.cursor('120');
      h.applier.flush();
      expect(h.lastId()).toBe('120');
    });

    it('rethrows a failure that is not a store rule and leaves the id where it was', () => {
      h.send('availability', { showtimeId: 'us1', seatsAvailable: 10 }, '101');
      vi.spyOn(h.store, 'apply').mockImplementationOnce(() => {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      });
      expect(() => h.applier.flush()).toThrow(/disk is full/);
      expect(h.lastId()).toBe('100');
      expect(h.store.records.showtimes.get('us1')?.seatsAvailable).toBe(100);
    });
  });

  it('throttles warnings about a flood of bad events', () => {
    for (let i = 0; i < 100; i++) h.send('availability', '{', String(i));
    h.applier.flush();
    expect(h.lines().filter((l) => l['message'] === 'upstream event skipped')).toHaveLength(20);
    expect(h.applier.stats.skipped).toBe(100);
    expect(h.lastId()).toBe('99');
  });
});
