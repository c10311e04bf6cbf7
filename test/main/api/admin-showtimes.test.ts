import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminHub, fingerprint, inMinutes, seedBasics } from './admin-support.ts';

type Api = Awaited<ReturnType<typeof adminHub>>['api'];
type Rec = {
  id: string;
  version: number;
  startsAt: string;
  status: string;
  seatsAvailable: number;
  capacity: number;
};

function withoutKeys(r: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)));
}

describe('showtime rules', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  let api: Api;
  const create = (body: Record<string, unknown>) =>
    api<{ record: Rec; seq: number } & Record<string, unknown>>('POST', '/api/admin/showtimes', body);
  beforeEach(async () => {
    ctx = await adminHub();
    api = ctx.api;
    await seedBasics(api);
  });
  afterEach(() => ctx.hub.stop());

  it('creates a showtime with the auditorium capacity and every seat free by default', async () => {
    const res = await create({
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: inMinutes(120),
      tags: ['Premiere'],
    });
    expect(res.status).toBe(201);
    expect(res.body.record).toMatchObject({
      capacity: 100,
      seatsAvailable: 100,
      status: 'scheduled',
      source: 'local',
      version: 1,
    });
    expect(res.body.record.id).toMatch(/^st-[0-9a-z]{10}$/);
    expect(ctx.hub.store.eventsAfter(res.body.seq - 1)?.map((e) => e.type)).toEqual(['showtime.upsert']);
  });

  it('refuses overlapping shows in one auditorium, counting pre-show, runtime and the cleaning gap', async () => {
    const first = await create({ filmId: 'f1', auditoriumId: 'a1', startsAt: inMinutes(600) });
    expect(first.status).toBe(201);
    const t0 = Date.parse(first.body.record.startsAt);
    const at = (min: number) => new Date(t0 + min * 60_000).toISOString();
    const before = fingerprint(ctx.hub);
    // f1: 15 min pre-show + 100 min runtime + 15 cleaning: the auditorium is busy until +130.
    for (const m of [0, 50, 129]) {
      const res = await create({ filmId: 'f2', auditoriumId: 'a1', startsAt: at(m) });
      expect(res.status, `start at +${m}`).toBe(400);
      expect(res.body['fields']).toEqual({ startsAt: expect.stringContaining('overlaps "Tidewater"') });
    }
    // f2 runs 15 + 120 + 15: a show starting 149 min before the first still clashes.
    expect((await create({ filmId: 'f2', auditoriumId: 'a1', startsAt: at(-149) })).status).toBe(400);
    expect(fingerprint(ctx.hub)).toBe(before);
    expect((await create({ filmId: 'f2', auditoriumId: 'a1', startsAt: at(130) })).status).toBe(201);
    expect((await create({ filmId: 'f2', auditoriumId: 'a1', startsAt: at(-150) })).status).toBe(201);
    // Another auditorium is free at the same time.
    expect((await create({ filmId: 'f2', auditoriumId: 'a2', startsAt: at(0) })).status).toBe(201);
  });

  it('uses the venue cleaning gap as configured', async () => {
    const venue = (
      await api<{ venue: Record<string, unknown> & { settings: Record<string, unknown> } }>(
        'GET',
        '/api/admin/state',
      )
    ).body.venue;
    const put = await api('PUT', '/api/admin/venue', {
      name: venue['name'],
      timezone: venue['timezone'],
      locales: venue['locales'],
      settings: { ...venue.settings, cleaningMinutes: 0 },
      version: venue['version'],
    });
    expect(put.status).toBe(200);
    const first = await create({ filmId: 'f1', auditoriumId: 'a1', startsAt: inMinutes(600) });
    const t0 = Date.parse(first.body.record.startsAt);
    expect(
      (
        await create({
          filmId: 'f1',
          auditoriumId: 'a1',
          startsAt: new Date(t0 + 115 * 60_000).toISOString(),
        })
      ).status,
    ).toBe(201);
  });

  it('counts a show from its featureStartsAt and its extra minutes, and checks a show whose feature moved', async () => {
    const t0 = Date.parse(inMinutes(600));
    const at = (min: number) => new Date(t0 + min * 60_000).toISOString();
    // Feature 30 min after the doors, 100 min film, a 20 min Q&A, 15 cleaning: busy until +165.
    const first = await create({
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: at(0),
      featureStartsAt: at(30),
      extraMinutes: 20,
    });
    expect(first.status).toBe(201);
    expect(first.body.record).toMatchObject({ featureStartsAt: at(30), extraMinutes: 20 });
    const clash = await create({ filmId: 'f1', auditoriumId: 'a1', startsAt: at(164) });
    expect(clash.status).toBe(400);
    expect(clash.body['fields']).toEqual({ startsAt: expect.stringContaining('–') });
    const second = await create({ filmId: 'f1', auditoriumId: 'a1', startsAt: at(165) });
    expect(second.status).toBe(201);
    // Lengthening the first show (more extra minutes) is judged like a move, and clashes now.
    const { record } = first.body;
    const longer = await api('PUT', `/api/admin/showtimes/${record.id}`, {
      ...withoutKeys(record, ['id', 'source']),
      extraMinutes: 40,
    });
    expect(longer.status).toBe(400);
    expect(longer.body['fields']).toEqual({ startsAt: expect.stringContaining(second.body.record.id) });
    // An edit that leaves its times alone is not judged again.
    const retagged = await api('PUT', `/api/admin/showtimes/${record.id}`, {
      ...withoutKeys(record, ['id', 'source']),
      tags: ['Q&A'],
    });
    expect(retagged.status).toBe(200);
  });

  it('lets a cancelled show free its slot, and refuses to reinstate it over a new one', async () => {
    const first = await create({ filmId: 'f1', auditoriumId: 'a1', startsAt: inMinutes(600) });
    const cancel = await api<{ record: Rec }>('POST', `/api/admin/showtimes/${first.body.record.id}/cancel`, {
      version: 1,
    });
    expect(cancel.status).toBe(200);
    expect(cancel.body.record).toMatchObject({ status: 'cancelled', version: 2 });
    expect(
      (await create({ filmId: 'f2', auditoriumId: 'a1', startsAt: first.body.record.startsAt })).status,
    ).toBe(201);
    const back = await api('POST', `/api/admin/showtimes/${first.body.record.id}/reinstate`, { version: 2 });
    expect(back.status).toBe(400);
    expect(back.body['fields']).toHaveProperty('startsAt');
  });

  it('refuses a start in the past unless forced', async () => {
    const past = inMinutes(-60);
    const res = await create({ filmId: 'f1', auditoriumId: 'a1', startsAt: past });
    expect(res.status).toBe(400);
    expect(res.body['fields']).toEqual({ startsAt: expect.stringContaining('must be in the future') });
    expect((await create({ filmId: 'f1', auditoriumId: 'a1', startsAt: past, force: true })).status).toBe(
      201,
    );
  });

  it('rejects unknown films and auditoriums, and seats outside 0..capacity, per field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ filmId: 'nope', auditoriumId: 'a1' }, 'filmId'],
      [{ filmId: 'f1', auditoriumId: 'nope' }, 'auditoriumId'],
      [{ filmId: 'f1', auditoriumId: 'a1', capacity: 10, seatsAvailable: 11 }, 'seatsAvailable'],
      [{ filmId: 'f1', auditoriumId: 'a1', seatsAvailable: -1 }, 'seatsAvailable'],
      [{ filmId: 'f1', auditoriumId: 'a1', capacity: 0 }, 'capacity'],
      [{ filmId: 'f1', auditoriumId: 'a1', startsAt: '2030-01-01 19:00' }, 'startsAt'],
      [{ filmId: 'f1', auditoriumId: 'a1', status: 'postponed' }, 'status'],
      [{ filmId: 'f1', auditoriumId: 'a1', colour: 'red' }, '(body)'],
    ];
    const before = fingerprint(ctx.hub);
    for (const [body, field] of cases) {
      const res = await create({ startsAt: inMinutes(300), ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body['fields'] as object), JSON.stringify(body)).toContain(field);
    }
    expect(fingerprint(ctx.hub)).toBe(before);
  });

  it('edits with the current version, answers a stale one with 409 and the current record', async () => {
    const { record } = (await create({ filmId: 'f1', auditoriumId: 'a1', startsAt: inMinutes(300) })).body;
    const edit = (version: number, seatsAvailable: number) =>
      api<{ record: Rec; current: Rec }>('PUT', `/api/admin/showtimes/${record.id}`, {
        filmId: 'f1',
        auditoriumId: 'a1',
        startsAt: record.startsAt,
        tags: [],
        status: 'scheduled',
        capacity: 100,
        seatsAvailable,
        version,
      });
    const ok = await edit(1, 80);
    expect(ok.status).toBe(200);
    expect(ok.body.record).toMatchObject({ seatsAvailable: 80, version: 2 });
    const before = fingerprint(ctx.hub);
    const stale = await edit(1, 70);
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: record.id, seatsAvailable: 80, version: 2 });
    expect(fingerprint(ctx.hub)).toBe(before);
    // Seat sales bump the version too, so an editor holding an old copy is told.
    expect(
      (await api('PATCH', `/api/admin/showtimes/${record.id}/availability`, { seatsAvailable: 60 })).status,
    ).toBe(200);
    expect((await edit(2, 90)).status).toBe(409);
    expect((await api('PUT', '/api/admin/showtimes/missing', { ...ok.body.record, version: 1 })).status).toBe(
      400,
    );
  });

  it('deletes only with the current version', async () => {
    const { record } = (await create({ filmId: 'f1', auditoriumId: 'a1', startsAt: inMinutes(300) })).body;
    expect((await api('DELETE', `/api/admin/showtimes/${record.id}`)).status).toBe(400);
    expect((await api('DELETE', `/api/admin/showtimes/${record.id}?version=7`)).status).toBe(409);
    const ok = await api<{ seq: number }>('DELETE', `/api/admin/showtimes/${record.id}?version=1`);
    expect(ok.status).toBe(200);
    expect(ctx.hub.store.eventsAfter(ok.body.seq - 1)?.map((e) => [e.type, e.json])).toEqual([
      ['showtime.remove', JSON.stringify({ id: record.id })],
    ]);
    expect((await api('DELETE', `/api/admin/showtimes/${record.id}?version=1`)).status).toBe(404);
  });
});

describe('copying a day', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  afterEach(() => ctx.hub.stop());

  async function setUp(timezone: string) {
    ctx = await adminHub();
    const { api } = ctx;
    await seedBasics(api);
    const venue = (await api<{ venue: { version: number } }>('GET', '/api/admin/state')).body.venue;
    await api('PUT', '/api/admin/venue', {
      name: 'Test',
      timezone,
      locales: ['en'],
      settings: {},
      version: venue.version,
    });
    return api;
  }

  it('copies a venue day to another at the same wall-clock times, across a DST change', async () => {
    const api = await setUp('Europe/London');
    // 2030-03-30 is GMT, 2030-03-31 is BST (clocks go forward at 01:00 UTC).
    const day = [
      ['a1', '2030-03-30T10:00:00.000Z'],
      ['a1', '2030-03-30T19:30:00.000Z'],
      ['a2', '2030-03-30T23:30:00.000Z'],
    ];
    for (const [aud, startsAt] of day) {
      expect(
        (await api('POST', '/api/admin/showtimes', { filmId: 'f1', auditoriumId: aud, startsAt })).status,
      ).toBe(201);
    }
    const res = await api<{ copied: number; records: string[] }>('POST', '/api/admin/showtimes/copy-day', {
      from: '2030-03-30',
      to: '2030-03-31',
    });
    expect(res.status).toBe(201);
    expect(res.body.copied).toBe(3);
    const shows = ctx.hub.store.records.showtimes.all().filter((s) => res.body.records.includes(s.id));
    expect(shows.map((s) => s.startsAt).sort()).toEqual([
      '2030-03-31T09:00:00.000Z',
      '2030-03-31T18:30:00.000Z',
      '2030-03-31T22:30:00.000Z',
    ]);
    expect(shows.every((s) => s.seatsAvailable === s.capacity && s.source === 'local')).toBe(true);
    const audit = await api<{ entries: { action: string; targetCount: number }[] }>(
      'GET',
      '/api/admin/audit?limit=1',
    );
    expect(audit.body.entries[0]).toMatchObject({ action: 'showtime.copy-day', targetCount: 3 });
  });

  it('copies nothing when any copy would clash, and says which', async () => {
    const api = await setUp('Asia/Singapore');
    await api('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: '2030-05-01T02:00:00Z',
    });
    await api('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId: 'a2',
      startsAt: '2030-05-01T02:00:00Z',
    });
    await api('POST', '/api/admin/showtimes', {
      filmId: 'f2',
      auditoriumId: 'a1',
      startsAt: '2030-05-02T03:00:00Z',
    });
    const before = fingerprint(ctx.hub);
    const res = await api<{ rows: { label: string; fields: Record<string, string> }[] }>(
      'POST',
      '/api/admin/showtimes/copy-day',
      { from: '2030-05-01', to: '2030-05-02' },
    );
    expect(res.status).toBe(400);
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0]!.label).toContain('Screen 1');
    expect(res.body.rows[0]!.fields['startsAt']).toContain('overlaps "Lanterns"');
    expect(fingerprint(ctx.hub)).toBe(before);
    const empty = await api('POST', '/api/admin/showtimes/copy-day', {
      from: '2030-06-01',
      to: '2030-06-02',
    });
    expect(empty.status).toBe(400);
    expect(empty.body['fields']).toHaveProperty('from');
    const same = await api('POST', '/api/admin/showtimes/copy-day', { from: '2030-06-01', to: '2030-06-01' });
    expect(same.body['fields']).toHaveProperty('to');
    expect(
      (await api('POST', '/api/admin/showtimes/copy-day', { from: '2030-02-30', to: '2030-03-01' })).body[
        'fields'
      ],
    ).toHaveProperty('from');
  });
});
