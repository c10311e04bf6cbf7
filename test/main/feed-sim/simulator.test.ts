import { isScreeningTag } from '../../../main/domain/tags.ts';
import { describe, expect, it } from 'vitest';
import { Snapshot, parseChange } from '../../../main/domain/events.ts';
import { localDateKey } from '../../../main/domain/time.ts';
import { FeedSim } from '../../../main/feed-sim/feed-sim.ts';
import type { FeedEvent } from '../../../main/feed-sim/feed-log.ts';
import { TZ } from '../../../main/feed-sim/world.ts';

const MINUTE = 60_000;
/** A Friday, 09:00 in Singapore: a whole day of selling ahead. */
const START = Date.parse('2026-11-20T01:00:00Z');

/** Runs a simulator on a fake clock in 5-second steps, keeping each event with the time it happened by. */
function simulate(options: { seed: number; rate: number; minutes: number; start?: number }) {
  let clock = options.start ?? START;
  const sim = new FeedSim({ seed: options.seed, rate: options.rate, now: () => clock });
  const opening = [...sim.log.held()];
  const timed: { at: number; event: FeedEvent }[] = [];
  const heard: FeedEvent[] = [];
  sim.onEvents((events) => heard.push(...events));
  for (let step = 1; step <= options.minutes * 12; step++) {
    clock += 5_000;
    for (const event of sim.runUntil(clock)) timed.push({ at: clock, event });
  }
  return { sim, timed, heard, opening, clock };
}

const data = (e: FeedEvent) => JSON.parse(e.json) as Record<string, unknown>;

describe('feed-sim simulator', () => {
  it('speaks only events the domain schemas accept, and its state always parses as a snapshot', () => {
    const { sim, timed } = simulate({ seed: 7, rate: 0.5, minutes: 24 * 60 });
    expect(timed.length).toBeGreaterThan(40_000);
    for (const { event } of timed) {
      const parsed = parseChange(event.type, data(event));
      expect(parsed?.success, `${event.type} ${event.json}`).toBe(true);
    }
    const snap = Snapshot.parse(sim.snapshot());
    const films = new Set(snap.films.map((f) => f.id));
    const auditoriums = new Map(snap.auditoriums.map((a) => [a.id, a.capacity]));
    for (const s of snap.showtimes) {
      expect(films.has(s.filmId)).toBe(true);
      expect(auditoriums.get(s.auditoriumId)).toBe(s.capacity);
      expect(s.seatsAvailable).toBeGreaterThanOrEqual(0);
      expect(s.seatsAvailable).toBeLessThanOrEqual(s.capacity);
    }
  });

  it('numbers events one by one, and keeps the opening world in its log', () => {
    const { sim, timed, opening } = simulate({ seed: 1, rate: 5, minutes: 10 });
    const seqs = [...opening, ...timed.map((t) => t.event)].map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(seqs.at(-1)).toBe(sim.seq);
    expect(opening.map((e) => e.type).slice(0, 2)).toEqual(['venue', 'auditorium.upsert']);
    expect(opening.filter((e) => e.type === 'showtime.upsert').length).toBeGreaterThan(150);
  });

  it('repeats exactly with the same seed and start, and differs with another seed', () => {
    const a = simulate({ seed: 42, rate: 20, minutes: 10 });
    const b = simulate({ seed: 42, rate: 20, minutes: 10 });
    const c = simulate({ seed: 43, rate: 20, minutes: 10 });
    const strip = (r: typeof a) => r.timed.map(({ at, event }) => [at, event.seq, event.type, event.json]);
    expect(strip(a)).toEqual(strip(b));
    expect(a.sim.snapshot()).toEqual(b.sim.snapshot());
    expect(strip(c)).not.toEqual(strip(a));
  });

  it('sells at the requested rate, in parties, mostly seat sales', () => {
    const { timed } = simulate({ seed: 3, rate: 5, minutes: 120 });
    const business = timed.filter((t) => t.event.type === 'availability').length;
    // 5 a second for two hours is 36,000 business events; about 97 % of them move seats.
    expect(business).toBeGreaterThan(36_000 * 0.93);
    expect(business).toBeLessThan(36_000 * 1.02);
  });

  it('is busiest in the hour before a show starts, where sell-outs happen', () => {
    const { sim, timed } = simulate({ seed: 11, rate: 2, minutes: 14 * 60 });
    const startOf = new Map<string, number>();
    for (const e of sim.log.held()) {
      if (e.type === 'showtime.upsert')
        startOf.set(String(data(e)['id']), Date.parse(String(data(e)['startsAt'])));
    }
    const moves = { lastHour: 0, laterToday: 0 };
    const sellOutLeads: number[] = [];
    for (const { at, event } of timed) {
      if (event.type !== 'availability') continue;
      const { showtimeId, seatsAvailable } = data(event) as { showtimeId: string; seatsAvailable: number };
      const minutes = (startOf.get(showtimeId)! - at) / MINUTE;
      if (minutes >= 0 && minutes < 60) moves.lastHour++;
      else if (minutes >= 120 && minutes < 600) moves.laterToday++;
      if (seatsAvailable === 0) sellOutLeads.push(minutes);
    }
    // Per minute of lead time, a show's last hour sees several times the seat moves of the hours before.
    expect(moves.lastHour / 60).toBeGreaterThan((3 * moves.laterToday) / 480);
    expect(sellOutLeads.length).toBeGreaterThan(10);
    const nearStart = sellOutLeads.filter((m) => m < 90).length;
    expect(nearStart / sellOutLeads.length).toBeGreaterThan(0.5);
  });

  it('sells shows out, takes returns, cancels and adds shows, and rotates announcements', () => {
    const { sim, timed } = simulate({ seed: 5, rate: 1, minutes: 16 * 60 });
    const events = timed.map((t) => t.event);
    const count = (pred: (e: FeedEvent) => boolean) => events.filter(pred).length;
    expect(count((e) => e.type === 'availability' && data(e)['seatsAvailable'] === 0)).toBeGreaterThan(5);
    expect(
      count((e) => e.type === 'announcement.upsert' && String(data(e)['id']).startsWith('ann-soldout-')),
    ).toBeGreaterThan(2);
    expect(count((e) => e.type === 'showtime.upsert' && data(e)['status'] === 'cancelled')).toBeGreaterThan(
      0,
    );
    expect(
      count((e) => e.type === 'showtime.upsert' && String(data(e)['id']).includes('-late')),
    ).toBeGreaterThan(0);
    expect(
      count((e) => e.type === 'announcement.upsert' && String(data(e)['id']).startsWith('promo-')),
    ).toBeGreaterThan(0);
    expect(count((e) => e.type === 'announcement.remove')).toBeGreaterThan(0);
    // Now and then an urgent alarm test, which always says when it ends.
    const urgent = events.filter((e) => e.type === 'announcement.upsert' && data(e)['urgent'] === true);
    expect(urgent.length).toBeGreaterThan(0);
    for (const e of urgent) expect(data(e)).toHaveProperty('endsAt');
    // Formats belong to screenings: no film carries one; 3D shows and languages are per show.
    const { films, showtimes: shows } = sim.snapshot();
    expect(films.length).toBe(20);
    for (const f of films)
      expect(
        f.tags.filter((t) => isScreeningTag(t)),
        f.id,
      ).toEqual([]);
    expect(shows.some((s) => s.tags.includes('3D'))).toBe(true);
    expect(shows.every((s) => typeof s.audio === 'string')).toBe(true);
    // Past shows leave the feed an hour after they start.
    expect(count((e) => e.type === 'showtime.remove')).toBeGreaterThan(20);
    const oldest = Math.min(...sim.snapshot().showtimes.map((s) => Date.parse(s.startsAt)));
    expect(oldest).toBeGreaterThanOrEqual(START + 16 * 60 * MINUTE - 61 * MINUTE);
  });

  it('puts the next day on sale as the venue day turns', () => {
    const { sim } = simulate({ seed: 9, rate: 0.2, minutes: 24 * 60 });
    const days = new Set(sim.snapshot().showtimes.map((s) => localDateKey(Date.parse(s.startsAt), TZ)));
    expect([...days].sort()).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
  });

  it('skips ahead after a long pause instead of selling hours of tickets at once', () => {
    let clock = START;
    const sim = new FeedSim({ seed: 2, rate: 10, now: () => clock });
    clock += 3 * 60 * MINUTE;
    const burst = sim.runUntil(clock).filter((e) => e.type === 'availability').length;
    expect(burst).toBeLessThan(10 * 10 * 1.5); // about ten seconds' worth
  });
});
