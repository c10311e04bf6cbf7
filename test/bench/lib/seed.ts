/** Data folders prepared in-process with Marquee's own store, for the scenarios that need history. */
import { join } from 'node:path';
import { DEMO_AUDITORIUMS, DEMO_FILMS } from '../../../main/demo/catalog.ts';
import { DEMO_VENUE } from '../../../main/demo/seed.ts';
import type { Change } from '../../../main/domain/events.ts';
import { Store } from '../../../main/store/store.ts';

/** `count` seat sales, round-robin over the venue's shows, `batch` per transaction. */
export function sellSeats(store: Store, count: number, batch = 5_000): void {
  const shows = store.records.showtimes.all().filter((s) => s.capacity > 1);
  const seats = shows.map((s) => s.seatsAvailable);
  for (let done = 0; done < count;) {
    const changes: Change[] = [];
    for (; changes.length < batch && done < count; done++) {
      const k = done % shows.length;
      const show = shows[k]!;
      const current = seats[k] ?? 0;
      const next = current > 0 ? current - 1 : show.capacity;
      seats[k] = next;
      changes.push({ type: 'availability', data: { showtimeId: show.id, seatsAvailable: next } });
    }
    store.apply(changes);
  }
}

export interface ScheduleOptions {
  screens: number;
  /** First show of day 0 (ms); each screen starts a few minutes after the one before. */
  firstShow: number;
  /** Days of shows. Default 1. */
  days?: number;
  /** Shows per screen per day; default: back to back until 13.5 hours after the first. */
  perScreen?: number;
  /** Venue time zone. Default the demo's (Asia/Singapore). */
  timezone?: string;
}

/**
 * A multiplex: venue, `screens` auditoriums, the demo films, and shows on
 * every screen, each followed by 30 minutes of trailers and cleaning.
 */
export function multiplex(o: ScheduleOptions): Change[] {
  const auditoriums = Array.from({ length: o.screens }, (_, i) => ({
    ...(DEMO_AUDITORIUMS[i] ?? {
      id: `aud-${i + 1}`,
      name: `Screen ${i + 1}`,
      capacity: 120 + ((i * 37) % 140),
    }),
    source: 'local' as const,
  }));
  const films = DEMO_FILMS.map(({ weight: _w, palette: _p, ...f }) => ({ ...f, source: 'local' as const }));
  const changes: Change[] = [
    { type: 'venue', data: { ...DEMO_VENUE, timezone: o.timezone ?? DEMO_VENUE.timezone } },
    ...auditoriums.map((data): Change => ({ type: 'auditorium.upsert', data })),
    ...films.map((data): Change => ({ type: 'film.upsert', data })),
  ];
  const dayMinutes = 13.5 * 60;
  for (let day = 0; day < (o.days ?? 1); day++) {
    auditoriums.forEach((aud, a) => {
      let minute = a * 5;
      for (let n = 0; o.perScreen === undefined ? minute <= dayMinutes : n < o.perScreen; n++) {
        const film = films[(day * 7 + a * 3 + n) % films.length]!;
        changes.push({
          type: 'showtime.upsert',
          data: {
            id: `st-${day}-${aud.id}-${n}`,
            filmId: film.id,
            auditoriumId: aud.id,
            startsAt: new Date(o.firstShow + day * 86_400_000 + minute * 60_000).toISOString(),
            tags: [],
            capacity: aud.capacity,
            seatsAvailable: aud.capacity - ((n * 13 + a * 7) % aud.capacity),
            status: 'scheduled',
            source: 'local',
          },
        });
        minute =
          o.perScreen === undefined
            ? Math.ceil((minute + film.runtimeMinutes + 30) / 5) * 5
            : minute + Math.floor(dayMinutes / o.perScreen);
      }
    });
  }
  return changes;
}

/**
 * How long one single-change commit takes here and now (SQLite with
 * synchronous=FULL waits for the disk): the floor under every change the
 * bench makes, and the figure that varies most with what else uses the disk.
 * Median of `count`, in ms.
 */
export function commitCost(dir: string, count = 200): number {
  const store = Store.open({ file: join(dir, 'commit-probe.db') });
  try {
    store.apply(multiplex({ screens: 1, firstShow: Date.now(), perScreen: 1 }));
    const show = store.records.showtimes.all()[0]!;
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      store.apply([{ type: 'availability', data: { showtimeId: show.id, seatsAvailable: i % 2 } }]);
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(count / 2)] ?? NaN;
  } finally {
    store.close();
  }
}
