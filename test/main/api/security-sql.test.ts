import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Status } from '../../../main/domain/status.ts';
import { memoryLogger } from '../../../main/log.ts';
import { UpstreamRelay } from '../../../main/relay/relay.ts';
import { TestUpstream, frame, stream, until } from '../relay/support/test-upstream.ts';
import { adminHub, inMinutes, seedBasics } from './admin-support.ts';
import { raw } from './security-support.ts';
import { rawDatabase } from '../../../main/store/raw-access.ts';

/** Classic injections: closing a string, stacking a statement, a tautology, a UNION, an ATTACH. */
const PAYLOADS = [
  "'; DROP TABLE showtimes; --",
  "Robert'); DROP TABLE films;--",
  '" OR "1"="1',
  "' OR 1=1 --",
  '1; DELETE FROM events',
  "' UNION SELECT token_hash FROM sessions --",
  "'; ATTACH DATABASE '/tmp/pwned.db' AS pwned; --",
  "x'||(SELECT password FROM meta)||'",
];

/**
 * SQL in every text a client can send: record fields through the admin API,
 * ids in paths and bodies, query strings, the sign-in password, heartbeats,
 * Last-Event-ID, and an upstream feed's records. Text is stored exactly as
 * sent; anything that must be an id or a number is refused; the schema and
 * every table stay intact.
 */
describe('SQL injection attempts are inert', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  let schema: unknown;
  let showId: string;
  beforeAll(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
    const show = await ctx.api<{ record: { id: string } }>('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: inMinutes(600),
    });
    showId = show.body.record.id;
    schema = rawDatabase(ctx.hub.store)
      .prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name')
      .all();
  });
  afterAll(() => ctx.hub.stop());

  const expectIntact = () => {
    const db = rawDatabase(ctx.hub.store);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Nothing was attached ('temp' is SQLite's own).
    const attached = (db.pragma('database_list') as { name: string }[]).map((d) => d.name);
    expect(attached.filter((n) => n !== 'main' && n !== 'temp')).toEqual([]);
    expect(existsSync('/tmp/pwned.db')).toBe(false);
    expect(ctx.hub.store.records.films.get('f1')?.title).toBe('Tidewater');
    expect(ctx.hub.store.records.showtimes.get(showId)).toBeDefined();
  };

  it('stores SQL in every text field exactly as sent', async () => {
    for (const sql of PAYLOADS) {
      const checks: [string, string, Record<string, unknown>, (r: Record<string, unknown>) => unknown][] = [
        ['POST', '/api/admin/auditoriums', { name: sql, capacity: 10 }, (r) => r['name']],
        [
          'POST',
          '/api/admin/films',
          {
            title: sql,
            titles: { fr: sql },
            rating: sql.slice(0, 10).trim(),
            runtimeMinutes: 90,
            tags: [sql.slice(0, 32).trim()],
          },
          (r) => [
            r['title'],
            (r['titles'] as Record<string, string>)['fr'],
            r['rating'],
            (r['tags'] as string[])[0],
          ],
        ],
        [
          'POST',
          '/api/admin/announcements',
          { text: sql, texts: { 'zh-CN': sql } },
          (r) => [r['text'], (r['texts'] as Record<string, string>)['zh-CN']],
        ],
      ];
      for (const [method, path, body, pick] of checks) {
        const res = await ctx.api<{ record: Record<string, unknown> }>(method, path, body);
        expect(res.status, `${path} ${sql}`).toBe(201);
        const stored = pick(res.body.record);
        const expected = pick(body);
        expect(stored, `${path} ${sql}`).toEqual(expected);
        // And read back from the database, not only echoed.
        const id = String(res.body.record['id']);
        const table = path.split('/').at(-1) as 'auditoriums' | 'films' | 'announcements';
        expect(pick(ctx.hub.store.records[table].get(id) as unknown as Record<string, unknown>)).toEqual(
          expected,
        );
      }
      const token = await ctx.api<{ name: string }>('POST', '/api/admin/tokens', { name: sql.slice(0, 80) });
      expect(token.status).toBe(201);
      expect(ctx.hub.store.apiTokens.list().some((t) => t.name === sql.slice(0, 80))).toBe(true);
      const override = await ctx.api('PUT', `/api/admin/overrides/showtime/${showId}`, { note: sql });
      // A local showtime has no override (400/403/404), or the note is kept as text.
      if (override.status === 200)
        expect(ctx.hub.store.overrides.all().some((o) => o.note === sql)).toBe(true);
      else expect(override.status).toBeLessThan(500);
      const venue = ctx.hub.store.venue();
      const renamed = await ctx.api('PUT', '/api/admin/venue', {
        name: sql,
        timezone: venue.timezone,
        locales: venue.locales,
        settings: venue.settings,
        version: venue.version,
      });
      expect(renamed.status).toBe(200);
      expect(ctx.hub.store.venue().name).toBe(sql);
      expectIntact();
    }
  });

  it('refuses SQL where an id, a number or a date must be, without touching the database', async () => {
    const seq = ctx.hub.store.seq;
    for (const sql of PAYLOADS) {
      const id = encodeURIComponent(sql);
      const attempts: [string, string, unknown][] = [
        ['PUT', `/api/admin/auditoriums/${id}`, { name: 'x', capacity: 1, version: 1 }],
        ['DELETE', `/api/admin/announcements/${id}?version=1`, undefined],
        ['PATCH', `/api/admin/showtimes/${id}/availability`, { seatsAvailable: 1 }],
        ['POST', `/api/admin/showtimes/${id}/cancel`, {}],
        ['POST', '/api/admin/auditoriums', { id: sql, name: 'x', capacity: 1 }],
        ['POST', '/api/admin/showtimes', { filmId: 'f1', auditoriumId: sql, startsAt: inMinutes(900) }],
        ['POST', '/api/admin/showtimes', { filmId: 'f1', auditoriumId: 'a2', startsAt: sql }],
        ['POST', '/api/admin/showtimes/copy-day', { from: sql, to: '2030-01-02' }],
        ['GET', `/api/admin/audit?before=${id}`, undefined],
        ['GET', `/api/admin/audit?limit=${id}`, undefined],
        ['PUT', `/api/admin/overrides/${id}/${showId}`, { hidden: true }],
      ];
      for (const [method, path, body] of attempts) {
        const res = await ctx.api(method, path, body);
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
      const login = await raw(`${ctx.hub.url}/api/admin/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': sql },
        body: JSON.stringify({ password: sql }),
      });
      expect([401, 429]).toContain(login.status);
      const beat = await raw(`${ctx.hub.url}/api/displays/heartbeat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ displayId: sql, role: 'board', lastEventId: sql }),
      });
      expect(beat.status).toBe(400);
      const stream = await raw(`${ctx.hub.url}/events`, { headers: { 'Last-Event-ID': sql } });
      expect(stream.status).toBe(200);
      expect(stream.body).toContain('event: snapshot');
    }
    expect(ctx.hub.store.seq).toBe(seq);
    expectIntact();
  });

  it('stores SQL sent by an upstream feed as text, and skips it where an id must be', async () => {
    const upstream = await TestUpstream.start();
    const sql = PAYLOADS[0]!;
    const world = {
      seq: 5,
      venue: { id: 'hq', name: sql, timezone: 'Europe/London', locales: ['en'] },
      auditoriums: [{ id: 'u-a1', name: sql, capacity: 50 }],
      films: [
        { id: 'u-f1', title: sql, runtimeMinutes: 90, tags: [sql.slice(0, 40)] },
        { id: sql, title: 'bad id', runtimeMinutes: 90, tags: [] },
      ],
      showtimes: [],
      announcements: [{ id: 'u-n1', text: PAYLOADS[5]!, priority: 0 }],
    };
    upstream.fallback = stream(
      frame('snapshot', world, 5) +
        frame('film.upsert', { id: sql, title: 'x', runtimeMinutes: 1, tags: [] }, 6),
    );
    const statuses: Status[] = [];
    const relay = new UpstreamRelay(
      { url: upstream.url },
      { store: ctx.hub.store, log: memoryLogger(), onStatus: (s) => statuses.push(s) },
    );
    relay.start();
    try {
      await until(() => relay.stats().received === 2, 'both events', 10_000);
      const { records } = ctx.hub.store;
      expect(records.films.get('u-f1')?.title).toBe(sql);
      expect(records.films.get('u-f1')?.tags).toEqual([sql.slice(0, 40)]);
      expect(records.auditoriums.get('u-a1')?.name).toBe(sql);
      expect(records.announcements.get('u-n1')?.text).toBe(PAYLOADS[5]);
      expect(records.films.get(sql)).toBeUndefined();
      expect(relay.stats().skipped).toBeGreaterThanOrEqual(1);
    } finally {
      await relay.stop();
      await upstream.close();
    }
    expectIntact();
  });
});
