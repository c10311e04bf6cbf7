import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBoard } from '../../renderer/lib/board-view.ts';
import { buildDoor } from '../../renderer/lib/door-view.ts';
import { TimeDriver } from '../../renderer/lib/time-driver.ts';
import { nextChange } from '../../renderer/lib/time-states.ts';
import type { VenueData } from '../../renderer/lib/venue-data.ts';
import { at, film, show, venue, venueData } from './support/fixtures.ts';

const MIN = 60_000;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Drives a board from the (fake) clock alone, the way Board.svelte does, and records what it shows. */
function drive(data: VenueData) {
  const v = data.venue!;
  let view = buildBoard(data, Date.now())!;
  const driver = new TimeDriver(
    (now) => nextChange(data.showtimes.values(), now, v.timezone, v.settings),
    (now) => (view = buildBoard(data, now)!),
  );
  driver.start();
  return {
    phases: () => Object.fromEntries(view.films.flatMap((f) => f.shows.map((s) => [s.id, s.phase]))),
    day: () => view.day,
    stop: () => driver.stop(),
  };
}

describe('time-driven board (fake timers, no events)', () => {
  it('Asia/Singapore: seating, started and gone arrive on the minute', () => {
    const tz = 'Asia/Singapore';
    const start = at('2026-11-21 19:30', tz);
    vi.setSystemTime(start - 45 * MIN);
    const board = drive(venueData(venue(tz), [show('s', 'f1', start), show('t', 'f1', start + 180 * MIN)]));
    expect(board.phases()).toEqual({ s: 'upcoming', t: 'upcoming' });
    vi.advanceTimersByTime(25 * MIN - 1);
    expect(board.phases().s).toBe('upcoming');
    vi.advanceTimersByTime(1);
    expect(board.phases().s).toBe('seating');
    vi.advanceTimersByTime(20 * MIN);
    expect(board.phases().s).toBe('started');
    vi.advanceTimersByTime(10 * MIN);
    expect(board.phases()).toEqual({ t: 'upcoming' });
    board.stop();
  });

  it('America/New_York: seating that begins before the spring-forward gap lasts 20 real minutes', () => {
    const tz = 'America/New_York';
    // 8 March 2026: 02:00 EST jumps to 03:00 EDT. A 03:10 show seats from 01:50 EST.
    const start = at('2026-03-08 03:10', tz);
    expect(new Date(start).toISOString()).toBe('2026-03-08T07:10:00.000Z');
    vi.setSystemTime(at('2026-03-08 01:49', tz));
    const board = drive(venueData(venue(tz), [show('s', 'f1', start)]));
    expect(board.phases().s).toBe('upcoming');
    vi.advanceTimersByTime(MIN);
    expect(board.phases().s).toBe('seating');
    vi.advanceTimersByTime(20 * MIN);
    expect(board.phases().s).toBe('started');
    board.stop();
  });

  it('Europe/London: the board rolls over at local midnight on the night clocks go back', () => {
    const tz = 'Europe/London';
    const late = at('2026-10-24 23:55', tz); // BST, UTC+1
    const sunday = at('2026-10-25 14:00', tz); // GMT, UTC+0
    vi.setSystemTime(at('2026-10-24 23:59', tz) + 30_000);
    // A venue whose business day turns at midnight (the default, 04:00, is tested in time-states).
    const v = venue(tz, ['en'], { businessDayStartsAt: '00:00' });
    const board = drive(venueData(v, [show('late', 'f1', late), show('sun', 'f1', sunday)]));
    expect(board.day()).toMatchObject({ key: '2026-10-24', offset: 0 });
    expect(Object.keys(board.phases())).toEqual(['late']);
    vi.advanceTimersByTime(30_000);
    expect(board.day()).toMatchObject({ key: '2026-10-25', offset: 0 });
    expect(Object.keys(board.phases())).toEqual(['late', 'sun']);
    // The late show is still in its grace period after midnight…
    expect(board.phases().late).toBe('started');
    vi.advanceTimersByTime(5 * MIN);
    // …and leaves at 00:05, on time although the day is 25 hours long.
    expect(Object.keys(board.phases())).toEqual(['sun']);
    board.stop();
  });

  it("Pacific/Auckland: today's list gives way to tomorrow's when the last show's grace ends", () => {
    const tz = 'Pacific/Auckland';
    const last = at('2026-11-21 22:00', tz);
    vi.setSystemTime(last + 5 * MIN);
    const board = drive(
      venueData(venue(tz), [show('last', 'f1', last), show('next', 'f1', at('2026-11-22 11:00', tz))]),
    );
    expect(board.day().offset).toBe(0);
    vi.advanceTimersByTime(5 * MIN);
    expect(board.day()).toMatchObject({ key: '2026-11-22', offset: 1 });
    board.stop();
  });

  it('wakes at least once a minute, so a clock that jumps is caught up', () => {
    const onTime = vi.fn();
    const driver = new TimeDriver(() => Date.now() + 24 * 60 * MIN, onTime);
    driver.start();
    vi.advanceTimersByTime(MIN);
    expect(onTime).toHaveBeenCalledTimes(1);
    driver.stop();
    vi.advanceTimersByTime(10 * MIN);
    expect(onTime).toHaveBeenCalledTimes(1);
  });
});

describe('time-driven door sign', () => {
  it('goes from next to seating to running to empty with the clock', () => {
    const tz = 'Europe/London';
    const start = at('2026-11-21 19:30', tz);
    const data = venueData(venue(tz), [show('s', 'f1', start)], [film('f1', { runtimeMinutes: 90 })]);
    vi.setSystemTime(start - 30 * MIN);
    let door = buildDoor(data, 'a1', Date.now())!;
    const driver = new TimeDriver(
      () => door.changesAt,
      (now) => (door = buildDoor(data, 'a1', now)!),
    );
    driver.start();
    expect([door.currentState, door.lines[0]?.id]).toEqual([undefined, 's']);
    vi.advanceTimersByTime(10 * MIN);
    expect([door.currentState, door.lines[0]?.id]).toEqual(['seating', 's']);
    vi.advanceTimersByTime(20 * MIN);
    expect(door.currentState).toBe('running');
    // The feature starts after the default 15 minutes of trailers and runs 90.
    vi.advanceTimersByTime(105 * MIN - 1);
    expect(door.currentState).toBe('running');
    vi.advanceTimersByTime(1);
    expect([door.currentState, door.lines]).toEqual([undefined, []]);
    driver.stop();
  });
});
