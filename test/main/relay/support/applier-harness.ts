import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { memoryLogger } from '../../../../main/log.ts';
import { FeedApplier } from '../../../../main/relay/feed-applier.ts';
import { LogThrottle } from '../../../../main/relay/log-throttle.ts';
import { Store, UPSTREAM_ID_KEY } from '../../../../main/store/store.ts';
import { tempDir } from '../../../support/temp-dir.ts';

/** Records as an upstream hub sends them: with its own versions and its own idea of `source`. */
export const up = {
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

export const snapshot = (
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

export const baseline = () =>
  snapshot({
    auditoriums: [up.aud('ua1'), up.aud('ua2')],
    films: [up.film('uf1'), up.film('uf2')],
    showtimes: [up.show('us1'), up.show('us2', 50, 'uf2', 'ua2')],
    announcements: [up.ann('un1')],
  });

/** A FeedApplier over a real SQLite file, fresh for every test of the calling suite. */
export function applierHarness() {
  const h = {
    dir: undefined as unknown as ReturnType<typeof tempDir>,
    store: undefined as unknown as Store,
    log: memoryLogger(),
    applier: undefined as unknown as FeedApplier,
    /** One dispatched event, as the parser hands it over. */
    send: (type: string, data: unknown, id: string) =>
      h.applier.add({ type, data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: id }),
    lastId: () => h.store.meta.get(UPSTREAM_ID_KEY),
    /** Types of the events logged after `fromSeq`, status events left out. */
    logged: (fromSeq: number) =>
      (h.store.eventsAfter(fromSeq) ?? []).filter((e) => e.type !== 'status').map((e) => e.type),
    lines: () => h.log.lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    applyCalls: () => vi.spyOn(h.store, 'apply'),
  };
  beforeEach(() => {
    h.dir = tempDir();
    h.store = Store.open({ file: join(h.dir.path, 'marquee.db') });
    h.log = memoryLogger();
    h.applier = new FeedApplier({
      store: h.store,
      log: h.log,
      warn: new LogThrottle(h.log),
      meta: () => ({ 'upstream.test': 'yes' }),
    });
  });
  afterEach(() => {
    h.store.close();
    h.dir.remove();
  });
  return h;
}
