import { afterEach, describe, expect, it } from 'vitest';
import { idOf } from '../../support/event-ids.ts';
import { SseClient } from '../../support/sse-client.ts';
import { call, signIn } from '../../support/http.ts';
import { TEST_PASSWORD, startTestHub } from '../../support/test-hub.ts';
import { basics } from '../store/fixtures.ts';

/**
 * A full disk and a read-only database, made real inside SQLite: a page
 * limit at the current size (SQLITE_FULL) and query_only (SQLITE_READONLY).
 */
describe('when the database cannot take writes', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  afterEach(() => hub.stop());

  const setup = async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    hub.store.apply(basics());
    const auth = await signIn(hub.url, TEST_PASSWORD);
    const patch = (seats: number) =>
      call(`${hub.url}/api/admin/showtimes/s1/availability`, {
        method: 'PATCH',
        headers: auth,
        body: { seatsAvailable: seats },
      });
    return patch;
  };

  it.each([
    [
      'disk full',
      'the disk is full',
      () =>
        hub.store.db.pragma(
          `max_page_count = ${hub.store.db.pragma('page_count', { simple: true }) as number}`,
        ),
      () => hub.store.db.pragma('max_page_count = 1073741823'),
    ],
    [
      'read-only',
      'the database is read-only',
      () => hub.store.db.pragma('query_only = 1'),
      () => hub.store.db.pragma('query_only = 0'),
    ],
  ])(
    '%s: writes get 503 with a clear message, reads and streams go on, and it recovers',
    async (_name, message, fail, recover) => {
      const patch = await setup();
      const screen = await SseClient.connect(`${hub.url}/events`);
      await screen.count(1);
      fail();
      // Fill every last byte with writes the size of the one under test, so it cannot fit either.
      let filled = 0;
      expect(() => {
        for (; filled < 100_000; filled++) {
          hub.store.apply([
            { type: 'availability', data: { showtimeId: 's1', seatsAvailable: 1 + (filled % 2) } },
          ]);
        }
      }).toThrow();
      const seats = hub.store.records.showtimes.get('s1')?.seatsAvailable;
      const seq = hub.store.seq;
      const refused = await patch(7);
      expect(refused.status).toBe(503);
      expect(refused.body['error']).toContain(message);
      expect(refused.headers.get('retry-after')).toBe('30');
      expect(hub.store.records.showtimes.get('s1')?.seatsAvailable).toBe(seats);
      expect(hub.store.seq).toBe(seq);

      const health = await call(`${hub.url}/api/health`);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'degraded', database: 'error', databaseProblem: message });
      expect((await call(`${hub.url}/api/snapshot`)).status).toBe(200);
      const late = await SseClient.connect(`${hub.url}/events`);
      await late.count(1);
      expect(late.events[0]?.event).toBe('snapshot');

      recover();
      // Health notices the recovery by itself, before any staff write.
      expect((await call(`${hub.url}/api/health`)).body).toMatchObject({ status: 'ok', database: 'ok' });
      expect((await patch(8)).status).toBe(200);
      await screen.until(() => screen.lastId() === idOf(hub.store, seq + 1), 'the change after recovery');
      expect(screen.events.at(-1)).toMatchObject({ id: idOf(hub.store, seq + 1), event: 'availability' });
      screen.close();
      late.close();
    },
  );
});
