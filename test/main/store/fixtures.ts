import type { Change } from '../../../main/domain/events.ts';
import { Showtime } from '../../../main/domain/records.ts';

export const auditorium = (id = 'a1', capacity = 100): Change => ({
  type: 'auditorium.upsert',
  data: { id, name: `Screen ${id}`, capacity, source: 'local' },
});

export const film = (id = 'f1', title = 'A Film'): Change => ({
  type: 'film.upsert',
  data: { id, title, runtimeMinutes: 100, tags: [], source: 'local' },
});

export const showtime = (id = 's1', overrides: Partial<Showtime> = {}): Change => ({
  type: 'showtime.upsert',
  data: Showtime.parse({
    id,
    filmId: 'f1',
    auditoriumId: 'a1',
    startsAt: '2030-01-01T19:00:00Z',
    capacity: 100,
    seatsAvailable: 100,
    ...overrides,
  }),
});

export const availability = (showtimeId: string, seatsAvailable: number): Change => ({
  type: 'availability',
  data: { showtimeId, seatsAvailable },
});

/** One auditorium, one film, one showtime. */
export const basics = (): Change[] => [auditorium(), film(), showtime()];
