import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/http.ts';
import { adminHub, fingerprint, inMinutes, seedBasics } from './admin-support.ts';

/**
 * Every admin write, fed wrong types, huge bodies, odd Unicode and SQL-looking
 * strings: each gets a clear 4xx with a message, and the database (every
 * table, the snapshot and the event seq) is exactly as before.
 */
describe('bad input to the admin API', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  let showId: string;
  beforeAll(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
    const res = await ctx.api<{ record: { id: string } }>('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: inMinutes(600),
    });
    showId = res.body.record.id;
  });
  afterAll(() => ctx.hub.stop());

  const SQL = "x'); DROP TABLE showtimes; --";
  const routes = (): [string, string, Record<string, unknown>][] => [
    ['POST', '/api/admin/auditoriums', { name: 'Screen 9', capacity: 10 }],
    ['PUT', '/api/admin/auditoriums/a1', { name: 'Screen 1', capacity: 10, version: 1 }],
    ['POST', '/api/admin/films', { title: 'T', runtimeMinutes: 90, tags: [] }],
    ['PUT', '/api/admin/films/f1', { title: 'T', runtimeMinutes: 90, tags: [], version: 1 }],
    ['POST', '/api/admin/showtimes', { filmId: 'f1', auditoriumId: 'a2', startsAt: inMinutes(900) }],
    ['POST', '/api/admin/announcements', { text: 'Hello' }],
    ['POST', '/api/admin/tokens', { name: 'Box office' }],
    ['PATCH', `/api/admin/showtimes/${showId}/availability`, { seatsAvailable: 5 }],
    ['POST', '/api/admin/showtimes/copy-day', { from: '2030-01-01', to: '2030-01-02' }],
  ];

  /** The body with one field replaced by each bad value, as [label, body]. */
  function variants(body: Record<string, unknown>): [string, unknown][] {
    const out: [string, unknown][] = [
      ['an array body', [body]],
      ['a null body', null],
      ['a string body', 'hello'],
      ['an empty object', {}],
    ];
    for (const key of Object.keys(body)) {
      const bad: [string, unknown][] = [
        ['a number as a string', typeof body[key] === 'number' ? String(body[key]) : 12],
        ['null', null],
        ['an object', { $gt: '' }],
        ['a control character', 'Line\u0000break'],
        ['a lone surrogate', 'bad \uD800 text'],
        ['a bidi override', 'evil\u202Egnp.exe'],
        ['a huge string', 'x'.repeat(100_000)],
      ];
      for (const [what, value] of bad) out.push([`${key} as ${what}`, { ...body, [key]: value }]);
    }
    return out;
  }

  it('answers each bad body with a 4xx and a message, and changes nothing', async () => {
    const before = fingerprint(ctx.hub);
    let checked = 0;
    for (const [method, path, good] of routes()) {
      for (const [label, body] of variants(good)) {
        const res = await ctx.api(method, path, body);
        expect(res.status, `${method} ${path} with ${label}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path} with ${label}`).toBeLessThan(500);
        expect(res.body['error'], `${method} ${path} with ${label}`).toEqual(expect.any(String));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(fingerprint(ctx.hub)).toBe(before);
  });

  it('refuses SQL-looking ids and keeps SQL-looking text as plain text', async () => {
    const before = fingerprint(ctx.hub);
    const id = encodeURIComponent(SQL);
    for (const [method, path, body] of [
      ['PUT', `/api/admin/films/${id}`, { title: 'T', runtimeMinutes: 90, tags: [], version: 1 }],
      ['DELETE', `/api/admin/films/${id}?version=1`, undefined],
      ['POST', '/api/admin/films', { id: SQL, title: 'T', runtimeMinutes: 90, tags: [] }],
      ['POST', '/api/admin/showtimes', { filmId: SQL, auditoriumId: 'a1', startsAt: inMinutes(900) }],
      ['DELETE', `/api/admin/showtimes/${showId}?version=1%20OR%201=1`, undefined],
      ['PUT', `/api/admin/overrides/showtime/${id}`, { hidden: true }],
    ] as const) {
      const res = await ctx.api(method, path, body);
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
    }
    expect(fingerprint(ctx.hub)).toBe(before);
    const made = await ctx.api<{ record: { id: string; title: string } }>('POST', '/api/admin/films', {
      title: SQL,
      runtimeMinutes: 90,
      tags: ["'; --"],
    });
    expect(made.status).toBe(201);
    expect(ctx.hub.store.records.films.get(made.body.record.id)?.title).toBe(SQL);
    expect(ctx.hub.store.records.showtimes.count()).toBe(1);
  });

  it('keeps odd but valid Unicode exactly', async () => {
    const title = 'Amélie — 天使爱美丽 👩🏽‍🍳 ﷺ e\u0301';
    const made = await ctx.api<{ record: { id: string } }>('POST', '/api/admin/films', {
      title,
      titles: { 'zh-CN': '天使爱美丽', ar: 'أميلي\u200F' },
      runtimeMinutes: 122,
      tags: ['Coup de cœur'],
    });
    expect(made.status).toBe(201);
    const stored = ctx.hub.store.records.films.get(made.body.record.id);
    expect(stored?.title).toBe(title);
    expect(stored?.titles).toEqual({ 'zh-CN': '天使爱美丽', ar: 'أميلي\u200F' });
  });

  it('refuses bodies that are too big, not JSON, or deeply nested, before touching anything', async () => {
    const before = fingerprint(ctx.hub);
    const url = `${ctx.hub.url}/api/admin/films`;
    const send = (raw: string, type = 'application/json') =>
      call(url, { method: 'POST', headers: { ...ctx.auth, 'Content-Type': type }, raw });
    expect((await send(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }))).status).toBe(413);
    expect((await send('{"title": "unterminated')).status).toBe(400);
    expect((await send('title=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await send('['.repeat(200_000) + ']'.repeat(200_000))).status).toBe(400);
    const latin1 = await fetch(url, {
      method: 'POST',
      headers: { ...ctx.auth, 'Content-Type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]),
    });
    expect(latin1.status).toBe(400);
    expect(fingerprint(ctx.hub)).toBe(before);
  });
});
