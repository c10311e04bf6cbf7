import { afterEach, describe, expect, it } from 'vitest';
import { idOf } from '../../support/event-ids.ts';
import { SseClient } from '../../support/sse-client.ts';
import { call, signIn } from '../../support/http.ts';
import { TEST_PASSWORD, startTestHub } from '../../support/test-hub.ts';
import { basics } from '../store/fixtures.ts';
import { AdminAuth } from '../../../main/api/auth/admin-auth.ts';
import { rawDatabase } from '../../../main/store/raw-access.ts';

let hub: Awaited<ReturnType<typeof startTestHub>>;

/** Each fault as [name, what health and errors say, inject, clear]. */
const faults = (): [string, string, () => unknown, () => unknown][] => [
  [
    'disk full',
    'the disk is full',
    () =>
      rawDatabase(hub.store).pragma(
        `max_page_count = ${rawDatabase(hub.store).pragma('page_count', { simple: true }) as number}`,
      ),
    () => rawDatabase(hub.store).pragma('max_page_count = 1073741823'),
  ],
  [
    'read-only',
    'the database is read-only',
    () => rawDatabase(hub.store).pragma('query_only = 1'),
    () => rawDatabase(hub.store).pragma('query_only = 0'),
  ],
];

/**
 * A full disk and a read-only database, made real inside SQLite: a page
 * limit at the current size (SQLITE_FULL) and query_only (SQLITE_READONLY).
 */
describe('when the database cannot take writes', () => {
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

  it.each(faults())(
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

  it.each(faults())(
    '%s: staff still sign in and out, tokens still read, and the sign-ins are saved once it recovers',
    async (name, message, fail, recover) => {
      hub = await startTestHub({ adminPassword: TEST_PASSWORD });
      hub.store.apply(basics());
      const { token } = new AdminAuth(hub.store).createApiToken('box office');
      const sessionRows = () =>
        rawDatabase(hub.store).prepare('SELECT count(*) FROM sessions').pluck().get() as number;
      fail();
      // Fill every byte the sessions could use with rows the size of a real one, so it cannot fit either.
      const filler = rawDatabase(hub.store).prepare(
        'INSERT INTO sessions (token_hash, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?)',
      );
      expect(() => {
        for (let i = 0; i < 100_000; i++)
          filler.run(`f${i}`.padEnd(43, '-'), 'x'.repeat(43), Date.now(), 9e15);
      }).toThrow();
      const saved = sessionRows();
      // Saving a session is bookkeeping: the disk refusing it does not refuse the sign-in.
      const staff = await signIn(hub.url, TEST_PASSWORD);
      expect((await call(`${hub.url}/api/admin/state`, { headers: staff })).status).toBe(200);
      if (name === 'read-only') {
        // Nor does noting when a token was last used refuse the read it came with. (A page
        // limit cannot make this one-integer update fail reliably: it may fit in its page.)
        const bearer = { Authorization: `Bearer ${token}` };
        expect((await call(`${hub.url}/api/admin/state`, { headers: bearer })).status).toBe(200);
        const tokens = await call(`${hub.url}/api/admin/tokens`, { headers: staff });
        expect(tokens.body['tokens']).toEqual([
          expect.objectContaining({ name: 'box office', lastUsedAt: null }),
        ]);
      }
      // Signing out works at once, saved or not.
      const other = await signIn(hub.url, TEST_PASSWORD);
      expect((await call(`${hub.url}/api/admin/logout`, { method: 'POST', headers: other })).status).toBe(
        200,
      );
      expect((await call(`${hub.url}/api/admin/state`, { headers: other })).status).toBe(401);
      // Health tells the truth about it.
      const health = await call(`${hub.url}/api/health`);
      expect(health.status).toBe(503);
      expect(health.body['databaseProblem']).toContain(message);
      expect(sessionRows()).toBe(saved);
      expect(hub.logLines.some((l) => l.includes('saving sign-in sessions failed'))).toBe(true);

      recover();
      hub.store.tidy();
      expect(sessionRows()).toBe(saved + 1);
      expect((await call(`${hub.url}/api/admin/state`, { headers: staff })).status).toBe(200);
      expect((await call(`${hub.url}/api/admin/state`, { headers: other })).status).toBe(401);
      expect((await call(`${hub.url}/api/health`)).status).toBe(200);
    },
  );
});
