import type { Showtime } from '../../main/domain/records.ts';

/** A local, scheduled, unsold showtime of film `f1` in auditorium `a1` (100 seats), with `extra` on top. */
export function localShow(id: string, startsAt: string, extra: Partial<Showtime> = {}): Showtime {
  return {
    id,
    filmId: 'f1',
    auditoriumId: 'a1',
    startsAt,
    tags: [],
    capacity: 100,
    seatsAvailable: 100,
    status: 'scheduled',
    source: 'local',
    ...extra,
  };
}
