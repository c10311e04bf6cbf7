import { EventSource } from 'eventsource';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminHub, fingerprint, inMinutes, seedBasics } from './admin-support.ts';

type Rec = Record<string, unknown> & { id: string; version: number };

describe('editing the venue, auditoriums, films and announcements', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  beforeEach(async () => {
    ctx = await adminHub();
  });
  afterEach(() => ctx.hub.stop());

  it('edits the venue with its version; a stale edit gets 409 and the current venue', async () => {
    const venue = (await ctx.api<{ venue: Rec }>('GET', '/api/admin/state')).body.venue;
    const body = {
      name: 'Marquee Riverside',
      timezone: 'Europe/Paris',
      locales: ['fr', 'en'],
      settings: { fewSeatsThreshold: 12, cleaningMinutes: 20 },
      version: venue.version,
    };
    const ok = await ctx.api<{ record: Rec }>('PUT', '/api/admin/venue', body);
    expect(ok.status).toBe(200);
    expect(ok.body.record).toMatchObject({
      name: 'Marquee Riverside',
      timezone: 'Europe/Paris',
      locales: ['fr', 'en'],
      settings: { fewSeatsThreshold: 12, cleaningMinutes: 20, seatingMinutes: 20 },
      version: venue.version + 1,
    });
    const stale = await ctx.api('PUT', '/api/admin/venue', { ...body, name: 'Other' });
    expect(stale.status).toBe(409);
    expect(stale.body['current']).toMatchObject({ name: 'Marquee Riverside' });
    const bad = await ctx.api('PUT', '/api/admin/venue', {
      ...body,
      timezone: 'Mars/Olympus',
      locales: [],
      settings: { cleaningMinutes: -5, colour: 'red' },
      version: venue.version + 1,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body['fields'] as object).sort()).toEqual(
      ['locales', 'settings', 'settings.cleaningMinutes', 'timezone'].sort(),
    );
  });

  it('creates, edits and deletes auditoriums, films and announcements with versions', async () => {
    const kinds: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['auditoriums', { name: 'Screen 7', capacity: 120 }, { name: 'Screen Seven', capacity: 118 }],
      [
        'films',
        {
          title: 'Tidewater',
          runtimeMinutes: 128,
          tags: ['Premiere'],
          titles: { 'zh-CN': '潮汐之城' },
          rating: 'PG13',
        },
        { title: 'Tidewater (re-release)', runtimeMinutes: 130, tags: [] },
      ],
      [
        'announcements',
        { text: 'Doors open at 9', startsAt: inMinutes(60), endsAt: inMinutes(600), priority: 5 },
        { text: 'Doors open at 10', priority: 1 },
      ],
    ];
    for (const [path, create, edit] of kinds) {
      const made = await ctx.api<{ record: Rec }>('POST', `/api/admin/${path}`, create);
      expect(made.status, path).toBe(201);
      expect(made.body.record).toMatchObject({ ...create, version: 1, source: 'local' });
      const id = made.body.record.id;
      const dup = await ctx.api('POST', `/api/admin/${path}`, { ...create, id });
      expect(dup.status, path).toBe(409);
      const changed = await ctx.api<{ record: Rec }>('PUT', `/api/admin/${path}/${id}`, {
        ...edit,
        version: 1,
      });
      expect(changed.status, path).toBe(200);
      expect(changed.body.record).toMatchObject({ ...edit, version: 2 });
      // Fields left out of a full edit are cleared (rating, titles, start and end).
      if (path !== 'auditoriums')
        expect(changed.body.record).not.toHaveProperty(path === 'films' ? 'rating' : 'startsAt');
      expect((await ctx.api('PUT', `/api/admin/${path}/${id}`, { ...edit, version: 1 })).status, path).toBe(
        409,
      );
      expect((await ctx.api('DELETE', `/api/admin/${path}/${id}?version=1`)).status, path).toBe(409);
      expect((await ctx.api('DELETE', `/api/admin/${path}/${id}?version=2`)).status, path).toBe(200);
      expect((await ctx.api('PUT', `/api/admin/${path}/${id}`, { ...edit, version: 2 })).status, path).toBe(
        404,
      );
    }
  });

  it('keeps films and auditoriums that still have showtimes', async () => {
    await seedBasics(ctx.api);
    await ctx.api('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: inMinutes(300),
    });
    const film = await ctx.api('DELETE', '/api/admin/films/f1?version=1');
    expect(film.status).toBe(400);
    expect(film.body['error']).toContain('still has 1 showtime');
    expect((await ctx.api('DELETE', '/api/admin/auditoriums/a1?version=1')).status).toBe(400);
  });

  it('refuses an announcement that ends before it starts', async () => {
    const res = await ctx.api('POST', '/api/admin/announcements', {
      text: 'Backwards',
      startsAt: inMinutes(600),
      endsAt: inMinutes(60),
    });
    expect(res.status).toBe(400);
    expect(res.body['fields']).toHaveProperty('endsAt');
  });

  it('puts every change on the live feed within a second', async () => {
    await seedBasics(ctx.api);
    const es = new EventSource(`${ctx.hub.url}/events`);
    try {
      const heard = new Promise<{ at: number; data: Rec }>((resolve) =>
        es.addEventListener('showtime.upsert', (e) =>
          resolve({ at: Date.now(), data: JSON.parse(e.data) as Rec }),
        ),
      );
      await new Promise((resolve) => es.addEventListener('snapshot', resolve));
      const sent = Date.now();
      const res = await ctx.api<{ record: Rec }>('POST', '/api/admin/showtimes', {
        filmId: 'f1',
        auditoriumId: 'a1',
        startsAt: inMinutes(300),
      });
      const got = await heard;
      expect(got.data).toEqual(res.body.record);
      expect(got.at - sent).toBeLessThan(1000);
    } finally {
      es.close();
    }
  });

  it('audits who changed what, field by field, and pages the log', async () => {
    await seedBasics(ctx.api);
    await ctx.api('PUT', '/api/admin/auditoriums/a1', { name: 'Screen One', capacity: 90, version: 1 });
    const before = fingerprint(ctx.hub);
    // A refused write leaves no audit entry: they share one transaction.
    expect(
      (await ctx.api('PUT', '/api/admin/auditoriums/a1', { name: 'X', capacity: 90, version: 1 })).status,
    ).toBe(409);
    expect(fingerprint(ctx.hub)).toBe(before);
    const page = await ctx.api<{ entries: Rec[]; more: boolean }>('GET', '/api/admin/audit?limit=2');
    expect(page.body.more).toBe(true);
    expect(page.body.entries[0]).toMatchObject({
      action: 'auditorium.update',
      summary: 'Edited auditorium "Screen One" (a1)',
      actor: { kind: 'session', name: 'admin', id: expect.stringMatching(/^s-/), address: '127.0.0.1' },
      targets: [
        {
          type: 'auditorium',
          id: 'a1',
          change: 'updated',
          fields: { name: ['Screen 1', 'Screen One'], capacity: [100, 90] },
        },
      ],
    });
    const next = await ctx.api<{ entries: Rec[] }>(
      'GET',
      `/api/admin/audit?limit=50&before=${String(page.body.entries[1]!.id)}`,
    );
    expect(next.body.entries.map((e) => e['action'])).toEqual([
      'film.create',
      'auditorium.create',
      'auditorium.create',
      // The first password, from MARQUEE_ADMIN_PASSWORD, is audited like any other.
      'password.setup',
    ]);
    expect((await ctx.api('GET', '/api/admin/audit?limit=0')).status).toBe(400);
    expect((await ctx.api('GET', '/api/admin/audit?limit=5&limit=6')).status).toBe(400);
  });
});
