import { describe, expect, it } from 'vitest';
import { Showtime, Venue } from '../../../main/domain/records.ts';
import type { RecordState } from '../../../main/relay/snapshot-plan.ts';
import { KEEP_STARTED_MS, planPoll } from '../../../main/veezi/diff.ts';
import type { MappedPoll } from '../../../main/veezi/mapping.ts';

const NOW = Date.parse('2026-10-03T08:00:00Z');
const VENUE = Venue.parse({ id: 'venue', name: 'Paragon', timezone: 'Australia/Sydney', locales: ['en'] });
const AUD = {
  id: 'veezi-screen-1',
  name: 'Cinema 1',
  label: '1',
  capacity: 100,
  source: 'upstream' as const,
};
const FILM = {
  id: 'veezi-film-A',
  title: 'A',
  runtimeMinutes: 90,
  tags: [],
  source: 'upstream' as const,
};
const show = (n: number, startsInMin: number, extra: Partial<Showtime> = {}): Showtime =>
  Showtime.parse({
    id: `veezi-session-${n}`,
    filmId: FILM.id,
    auditoriumId: AUD.id,
    startsAt: new Date(NOW + startsInMin * 60_000).toISOString(),
    tags: [],
    capacity: 100,
    seatsAvailable: 50,
    externalId: String(n),
    source: 'upstream',
    ...extra,
  });

const poll = (showtimes: Showtime[], sold: string[] = []): MappedPoll => ({
  venue: VENUE,
  zoneProblem: undefined,
  auditoriums: [AUD],
  films: [FILM],
  showtimes,
  sold,
  problems: [],
});
const stored = (showtimes: Showtime[]): RecordState => ({
  venue: VENUE,
  auditoriums: [{ ...AUD, version: 1 }],
  films: [{ ...FILM, version: 1 }],
  showtimes: showtimes.map((s) => ({ ...s, version: 3 })),
  announcements: [],
});

describe('a Veezi poll against the stored records', () => {
  it('changes nothing when nothing changed', () => {
    const shows = [show(1, 60), show(2, 120)];
    expect(planPoll(stored(shows), poll(shows), NOW, new Set()).changes).toEqual([]);
  });

  it('sends a seat count that alone changed as the hot-path availability event', () => {
    const before = [show(1, 60), show(2, 120)];
    const after = [show(1, 60, { seatsAvailable: 48 }), show(2, 120, { tags: ['3D'] })];
    expect(planPoll(stored(before), poll(after), NOW, new Set()).changes).toEqual([
      { type: 'availability', data: { showtimeId: 'veezi-session-1', seatsAvailable: 48 } },
      { type: 'showtime.upsert', data: after[1] },
    ]);
  });

  it('removes a vanished future show without sales, cancels one with sales, and keeps it cancelled', () => {
    const before = [show(1, 60), show(2, 120)];
    const soldBefore = new Set(['veezi-session-2']);
    const plan = planPoll(stored(before), poll([]), NOW, soldBefore);
    expect(plan.changes).toEqual([
      { type: 'showtime.remove', data: { id: 'veezi-session-1' } },
      { type: 'showtime.upsert', data: { ...before[1], status: 'cancelled' } },
    ]);
    expect(plan.sold).toEqual(['veezi-session-2']);
    // Next poll: still gone, already cancelled: nothing to send.
    const cancelled = [{ ...before[1]!, status: 'cancelled' as const }];
    expect(planPoll(stored(cancelled), poll([]), NOW, new Set(plan.sold)).changes).toEqual([]);
  });

  it('leaves a vanished show that started to the clock, and drops it hours later', () => {
    const started = [show(1, -30)];
    expect(planPoll(stored(started), poll([]), NOW, new Set()).changes).toEqual([]);
    const later = NOW + KEEP_STARTED_MS;
    expect(planPoll(stored(started), poll([]), later, new Set()).changes).toEqual([
      { type: 'showtime.remove', data: { id: 'veezi-session-1' } },
    ]);
  });

  it('never touches a local showtime', () => {
    const local = show(9, 60, { source: 'local', id: 'staff-show' });
    expect(planPoll(stored([local]), poll([]), NOW, new Set()).changes).toEqual([]);
  });
});
