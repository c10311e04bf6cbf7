import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { LoggedEvent } from '../../../main/store/event-log.ts';
import {
  ForbiddenChangeError,
  InvalidChangeError,
  NotFoundError,
  VersionConflictError,
} from '../../../main/store/errors.ts';
import { Store, UPSTREAM_ID_KEY } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { auditorium, availability, basics, film, showtime } from './fixtures.ts';
import { rawDatabase } from '../../../main/store/raw-access.ts';

describe('Store', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  const open = () => Store.open({ file: join(dir.path, 'marquee.db') });

  beforeEach(() => {
    dir = tempDir();
    store = open();
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  it('starts with a default venue and sequence 0', () => {
    expect(store.seq).toBe(0);
    const snap = store.snapshot();
    expect(snap.venue.locales).toEqual(['en']);
    expect(snap.films).toEqual([]);
  });

  it('applies changes with the event log in one transaction, listeners after commit', () => {
    const heard: LoggedEvent[][] = [];
    store.onCommit((events) => {
      // A listener sees the change on disk already.
      expect(rawDatabase(store).inTransaction).toBe(false);
      heard.push([...events]);
    });
    const events = store.apply(basics());
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'auditorium.upsert'],
      [2, 'film.upsert'],
      [3, 'showtime.upsert'],
    ]);
    expect(heard).toEqual([events]);
    expect(JSON.parse(events[2]!.json)).toMatchObject({ id: 's1', version: 1, source: 'local' });
    expect(store.eventsAfter(0)).toEqual(events);
  });

  it('applies nothing when any change in the batch fails', () => {
    store.apply([auditorium(), film()]);
    const before = store.snapshot();
    let heard = 0;
    store.onCommit(() => heard++);
    expect(() => store.apply([showtime('ok'), showtime('bad', { filmId: 'nope' })])).toThrow(NotFoundError);
    expect(store.snapshot()).toEqual(before);
    expect(store.seq).toBe(2);
    expect(heard).toBe(0);
    // The sequence continues without a gap after a failed batch.
    expect(store.apply([showtime('ok')])[0]!.seq).toBe(3);
  });

  it('logs nothing for a change that changes nothing', () => {
    store.apply(basics());
    expect(store.apply([showtime()])).toEqual([]);
    expect(store.apply([availability('s1', 100)])).toEqual([]);
    expect(store.apply([{ type: 'film.remove', data: { id: 'missing' } }])).toEqual([]);
    expect(store.seq).toBe(3);
  });

  it('bumps versions and refuses stale writes when asked to check them', () => {
    store.apply(basics());
    store.apply([showtime('s1', { seatsAvailable: 90 })]);
    expect(store.records.showtimes.get('s1')?.version).toBe(2);
    const stale = showtime('s1', { seatsAvailable: 80, version: 1 });
    expect(() => store.apply([stale], { checkVersions: true })).toThrow(VersionConflictError);
    try {
      store.apply([stale], { checkVersions: true });
    } catch (err) {
      expect((err as VersionConflictError).current).toMatchObject({
        id: 's1',
        version: 2,
        seatsAvailable: 90,
      });
    }
    const fresh = showtime('s1', { seatsAvailable: 80, version: 2 });
    expect(store.apply([fresh], { checkVersions: true })).toHaveLength(1);
  });

  it('keeps seats between 0 and capacity', () => {
    store.apply(basics());
    expect(() => store.apply([availability('s1', 101)])).toThrow(InvalidChangeError);
    expect(() => store.apply([availability('nope', 1)])).toThrow(NotFoundError);
    const [event] = store.apply([availability('s1', 0)]);
    expect(JSON.parse(event!.json)).toEqual({ showtimeId: 's1', seatsAvailable: 0 });
    expect(store.records.showtimes.get('s1')).toMatchObject({ seatsAvailable: 0, version: 2 });
  });

  it('separates upstream-owned and local records', () => {
    store.apply(basics(), { origin: 'upstream' });
    expect(store.records.showtimes.get('s1')?.source).toBe('upstream');
    expect(() => store.apply([availability('s1', 5)], { origin: 'local' })).toThrow(ForbiddenChangeError);
    expect(() => store.apply([{ type: 'showtime.remove', data: { id: 's1' } }])).toThrow(/upstream feed/);
    store.apply([auditorium('mine')]);
    expect(() => store.apply([auditorium('mine', 5)], { origin: 'upstream' })).toThrow(/local record/);
  });

  it('refuses to remove a film or auditorium that showtimes still use', () => {
    store.apply(basics());
    expect(() => store.apply([{ type: 'film.remove', data: { id: 'f1' } }])).toThrow(/still has 1 showtime/);
    expect(() => store.apply([{ type: 'auditorium.remove', data: { id: 'a1' } }])).toThrow(
      InvalidChangeError,
    );
    store.apply([
      { type: 'showtime.remove', data: { id: 's1' } },
      { type: 'film.remove', data: { id: 'f1' } },
    ]);
    expect(store.snapshot().films).toEqual([]);
  });

  it('records the upstream id and meta in the same transaction as the change', () => {
    store.apply(basics(), { origin: 'upstream', upstreamId: 'u-41' });
    expect(store.meta.get(UPSTREAM_ID_KEY)).toBe('u-41');
    expect(() =>
      store.apply([showtime('x', { filmId: 'missing' })], { origin: 'upstream', upstreamId: 'u-42' }),
    ).toThrow();
    expect(store.meta.get(UPSTREAM_ID_KEY)).toBe('u-41');
  });

  it('refuses to run inside another transaction', () => {
    expect(() => rawDatabase(store).transaction(() => store.apply([film()]))()).toThrow(
      /inside another transaction/,
    );
  });

  it('survives reopening with state, log and sequence intact', () => {
    store.apply(basics());
    store.close();
    store = open();
    expect(store.seq).toBe(3);
    expect(store.snapshot().showtimes).toHaveLength(1);
    expect(store.apply([availability('s1', 7)])[0]!.seq).toBe(4);
  });
});

describe('event-log retention', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir.remove());

  function fill(store: Store, n: number) {
    store.apply(basics());
    for (let i = 0; i < n; i++) store.apply([availability('s1', i % 2)]);
  }

  it('keeps young events and the newest N, and never reuses a sequence number', () => {
    dir = tempDir();
    let now = 1_000_000;
    const file = join(dir.path, 'r.db');
    const store = Store.open({
      file,
      now: () => now,
      retention: { maxAgeMs: 1000, minEvents: 10, maxEvents: 1000 },
    });
    fill(store, 50); // seq 1..53, all at t=1_000_000
    expect(store.prune()).toBe(0); // all young
    now += 5000;
    expect(store.prune()).toBe(43); // old, keep newest 10
    expect(store.log.oldestSeq()).toBe(44);
    expect(store.eventsAfter(43)).toHaveLength(10);
    expect(store.eventsAfter(42)).toBeUndefined(); // older than the log → snapshot
    expect(store.eventsAfter(54)).toBeUndefined(); // from the future → snapshot
    expect(store.eventsAfter(53)).toEqual([]);
    store.close();
    const again = Store.open({ file });
    expect(again.seq).toBe(53);
    again.apply([availability('s1', 5)]);
    expect(again.seq).toBe(54);
    again.close();
  });

  it('caps the log at maxEvents even when everything is young, in batches', () => {
    dir = tempDir();
    const store = Store.open({
      file: join(dir.path, 'c.db'),
      retention: { maxAgeMs: 60_000, minEvents: 5, maxEvents: 20 },
    });
    fill(store, 100); // seq 1..103
    expect(store.prune(50)).toBe(50);
    expect(store.prune(50)).toBe(33);
    expect(store.prune(50)).toBe(0);
    expect(store.log.count()).toBe(20);
    store.close();
  });
});
