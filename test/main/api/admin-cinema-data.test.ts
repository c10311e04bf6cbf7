import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../support/http.ts';
import { adminHub, inMinutes, seedBasics } from './admin-support.ts';

type Rec = Record<string, unknown> & { id: string; version: number };

describe('admin API: the cinema data model', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  beforeEach(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
  });
  afterEach(() => ctx.hub.stop());
  const api = <T = Rec>(method: string, path: string, body?: unknown) =>
    ctx.api<{ record: T; fields?: Record<string, string>; error?: string } & Record<string, unknown>>(
      method,
      path,
      body,
    );

  it('gives auditoriums a label, names and features, kept when an old client edits name and capacity', async () => {
    const made = await api('POST', '/api/admin/auditoriums', {
      id: 'a4',
      name: 'Screen 4',
      label: '4',
      names: { 'zh-CN': '4号厅' },
      capacity: 210,
      features: ['dolby cinema', 'Wheelchair spaces', 'Dolby Cinema'],
    });
    expect(made.status).toBe(201);
    expect(made.body.record).toEqual({
      id: 'a4',
      name: 'Screen 4',
      label: '4',
      names: { 'zh-CN': '4号厅' },
      capacity: 210,
      features: ['Dolby Cinema', 'Wheelchair'],
      source: 'local',
      version: 1,
    });
    // A client written to the first contract sends only name and capacity.
    const edit = await api('PUT', '/api/admin/auditoriums/a4', {
      name: 'Screen Four',
      capacity: 200,
      version: 1,
    });
    expect(edit.body.record).toMatchObject({
      name: 'Screen Four',
      label: '4',
      features: ['Dolby Cinema', 'Wheelchair'],
    });
    const cleared = await api('PUT', '/api/admin/auditoriums/a4', {
      name: 'Screen Four',
      capacity: 200,
      label: null,
      features: null,
      version: 2,
    });
    expect(cleared.body.record).not.toHaveProperty('label');
    expect(cleared.body.record).not.toHaveProperty('features');
    expect(cleared.body.record).toHaveProperty('names');
    const bad = await api('POST', '/api/admin/auditoriums', {
      name: 'X',
      capacity: 1,
      label: 'A very long label',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ label: 'must be at most 12 characters' });
  });

  it('refuses a format on a film with a clear message, and canonicalizes descriptors', async () => {
    const res = await api('POST', '/api/admin/films', {
      title: 'Orbit Nine',
      runtimeMinutes: 141,
      tags: ['imax', 'Family'],
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({
      tags: '"IMAX" is a format, which belongs to a screening, not to a film: put it on the showtimes (or on the auditorium\'s features) instead',
    });
    const ok = await api('POST', '/api/admin/films', {
      title: 'Orbit Nine',
      runtimeMinutes: 141,
      tags: ['premiere', 'Family'],
      externalId: 'veezi-film-88',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.record).toMatchObject({ tags: ['Premiere', 'Family'], externalId: 'veezi-film-88' });
  });

  it('gives shows languages, feature start, extra minutes and canonical tags; an old client keeps them', async () => {
    const startsAt = inMinutes(600);
    const featureStartsAt = new Date(Date.parse(startsAt) + 20 * 60_000).toISOString();
    const made = await api('POST', '/api/admin/showtimes', {
      filmId: 'f2',
      auditoriumId: 'a1',
      startsAt,
      featureStartsAt,
      extraMinutes: 15,
      tags: ['3d', 'audio described', 'Q and A'],
      audio: 'cmn',
      subtitles: ['en', 'zh-Hans'],
      externalId: 'veezi-session-1234',
    });
    expect(made.status).toBe(201);
    expect(made.body.record).toMatchObject({
      featureStartsAt,
      extraMinutes: 15,
      tags: ['3D', 'AD', 'Q&A'],
      audio: 'cmn',
      subtitles: ['en', 'zh-Hans'],
      externalId: 'veezi-session-1234',
    });
    const { id, version } = made.body.record;
    const old = await api('PUT', `/api/admin/showtimes/${id}`, {
      filmId: 'f2',
      auditoriumId: 'a1',
      startsAt,
      tags: ['3D'],
      capacity: 100,
      seatsAvailable: 14,
      status: 'scheduled',
      version,
    });
    expect(old.status).toBe(200);
    expect(old.body.record).toMatchObject({
      audio: 'cmn',
      subtitles: ['en', 'zh-Hans'],
      featureStartsAt,
      seatsAvailable: 14,
    });
  });

  it.each([
    [{ audio: 'Mandarin!' }, 'audio', 'must be a BCP 47 language code like cmn, en or ms'],
    [{ subtitles: ['en', 'en'] }, 'subtitles', 'lists a language twice'],
    [{ extraMinutes: -5 }, 'extraMinutes', 'Too small: expected number to be >=0'],
    [
      { featureStartsAt: 'soon' },
      'featureStartsAt',
      'must be an ISO-8601 UTC time like 2026-11-21T19:30:00Z',
    ],
  ])('refuses a show with %j, on its field', async (extra, field, message) => {
    const res = await api('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: inMinutes(600),
      ...extra,
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ [field]: message });
  });

  it('refuses a feature that starts before the doors open or hours after, on featureStartsAt', async () => {
    const startsAt = inMinutes(600);
    const at = (m: number) => new Date(Date.parse(startsAt) + m * 60_000).toISOString();
    for (const [m, message] of [
      [-5, 'must be at or after startsAt'],
      [181, 'must be at most 180 minutes after startsAt'],
    ] as const) {
      const res = await api('POST', '/api/admin/showtimes', {
        filmId: 'f1',
        auditoriumId: 'a1',
        startsAt,
        featureStartsAt: at(m),
      });
      expect(res.body.fields).toEqual({ featureStartsAt: message });
    }
  });

  it('edits venue settings by the field, with fewSeatsThreshold as the old name of fewSeats.floor', async () => {
    const state = async () =>
      (await api<never>('GET', '/api/admin/state')).body as unknown as {
        venue: Rec & { settings: Record<string, unknown> };
      };
    let venue = (await state()).venue;
    const put = (body: Record<string, unknown>) =>
      api('PUT', '/api/admin/venue', {
        name: 'Harbourfront',
        timezone: 'Asia/Singapore',
        locales: ['en-SG', 'zh-CN'],
        version: venue.version,
        ...body,
      });
    let res = await put({
      names: { 'zh-CN': '海港影城' },
      settings: {
        hourCycle: 'h23',
        businessDayStartsAt: '05:00',
        preShowMinutes: 20,
        fewSeats: { percent: 10, floor: 15 },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.record).toMatchObject({
      names: { 'zh-CN': '海港影城' },
      settings: {
        hourCycle: 'h23',
        businessDayStartsAt: '05:00',
        preShowMinutes: 20,
        fewSeats: { percent: 10, floor: 15 },
        fewSeatsThreshold: 15,
      },
    });
    venue = (await state()).venue;
    // Today's admin page sends its six settings only: the others stay, the threshold moves the floor.
    res = await put({
      settings: {
        fewSeatsThreshold: 25,
        seatingMinutes: 20,
        graceMinutes: 10,
        cleaningMinutes: 15,
        staleAfterMinutes: 30,
        languageSeconds: 10,
      },
    });
    expect(res.body.record).toMatchObject({
      names: { 'zh-CN': '海港影城' },
      settings: {
        hourCycle: 'h23',
        preShowMinutes: 20,
        fewSeats: { percent: 10, floor: 25 },
        fewSeatsThreshold: 25,
      },
    });
    venue = (await state()).venue;
    res = await put({
      settings: { fewSeatsThreshold: 3, fewSeats: { floor: 4 }, businessDayStartsAt: '25:00', colour: 'red' },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toMatchObject({
      'settings.businessDayStartsAt': 'must be a time like 19:30',
      settings: expect.stringContaining('colour'),
    });
    res = await put({ settings: { fewSeatsThreshold: 3, fewSeats: { floor: 4 } } });
    expect(res.body.fields).toEqual({
      'settings.fewSeatsThreshold':
        'is the old name of fewSeats.floor and must equal it; send only one of them',
    });
    res = await put({
      settings: { tags: [{ tag: 'Ladies Night', labels: { 'zh-CN': '女士之夜' } }, { tag: 'imax' }] },
    });
    expect(res.body.fields).toEqual({
      'settings.tags.1.tag': '"imax" is Marquee\'s own tag "IMAX"; pick another name',
    });
  });

  it('enriches upstream auditoriums, films and shows with local overlays, kept through upstream updates', async () => {
    const feed = (changes: Parameters<typeof ctx.hub.store.apply>[0]) =>
      ctx.hub.store.apply(changes, { origin: 'upstream' });
    feed([
      { type: 'auditorium.upsert', data: { id: 'up-a', name: 'Hall 4', capacity: 210, source: 'upstream' } },
      {
        type: 'film.upsert',
        data: { id: 'up-f', title: 'Orbit Nine', runtimeMinutes: 141, tags: [], source: 'upstream' },
      },
    ]);
    const put = (kind: string, id: string, body: unknown) =>
      api<never>('PUT', `/api/admin/overrides/${kind}/${id}`, body);
    expect((await put('auditorium', 'up-a', { label: '4', features: ['dolby cinema'] })).status).toBe(200);
    expect((await put('film', 'up-f', { titles: { 'zh-CN': '第九轨道' } })).status).toBe(200);
    const wrong = await put('film', 'up-f', { label: 'X', version: 1 });
    expect(wrong.status).toBe(400);
    expect(wrong.body['fields']).toEqual({
      label: 'a film override takes no label; it can set titles, posterUrl',
    });
    feed([
      { type: 'auditorium.upsert', data: { id: 'up-a', name: 'Hall 4', capacity: 200, source: 'upstream' } },
    ]);
    const snap = (await call<{ auditoriums: Rec[]; films: Rec[] }>(`${ctx.hub.url}/api/snapshot`)).body;
    expect(snap.auditoriums.find((a) => a.id === 'up-a')).toMatchObject({
      label: '4',
      capacity: 200,
      features: ['Dolby Cinema'],
    });
    expect(snap.films.find((f) => f.id === 'up-f')).toMatchObject({ titles: { 'zh-CN': '第九轨道' } });
  });

  describe('urgent announcements', () => {
    const urgent = { text: 'Screen 2 evacuated', texts: { 'zh-CN': '2号厅正在疏散' }, urgent: true };

    it('lets staff post one; it gets an end two hours later', async () => {
      const before = Date.now();
      const res = await api('POST', '/api/admin/announcements', urgent);
      expect(res.status).toBe(201);
      expect(res.body.record).toMatchObject({ ...urgent, priority: 0 });
      const ends = Date.parse(String(res.body.record['endsAt']));
      expect(ends).toBeGreaterThanOrEqual(before + 2 * 3_600_000 - 1_000);
      expect(ends).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
    });

    it.each([
      [
        { text: 'x'.repeat(141) },
        'text',
        'an urgent announcement is at most 140 characters per language, to read from 10 m',
      ],
      [
        { texts: { fr: 'é'.repeat(141) } },
        'texts.fr',
        'an urgent announcement is at most 140 characters per language, to read from 10 m',
      ],
      [
        { endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString() },
        'endsAt',
        'an urgent announcement ends at most 2 hours after it starts showing; leave endsAt out for that, or post a normal announcement',
      ],
    ])('refuses %j on its field', async (extra, field, message) => {
      const res = await api('POST', '/api/admin/announcements', { ...urgent, ...extra });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual({ [field]: message });
    });

    it('needs the urgent permission on an API token, to post, edit or delete one', async () => {
      const plain = await api<never>('POST', '/api/admin/tokens', { name: 'box office' });
      const trusted = await api<never>('POST', '/api/admin/tokens', {
        name: 'duty manager',
        permissions: ['urgent'],
      });
      expect(trusted.status).toBe(201);
      expect(trusted.body).toMatchObject({ name: 'duty manager', permissions: ['urgent'] });
      const as = (token: unknown) => (method: string, path: string, body?: unknown) =>
        call<Record<string, unknown> & { record: Rec }>(`${ctx.hub.url}${path}`, {
          method,
          headers: { Authorization: `Bearer ${String(token)}` },
          ...(body !== undefined && { body }),
        });
      const box = as(plain.body['token']);
      const manager = as(trusted.body['token']);
      const refused = await box('POST', '/api/admin/announcements', urgent);
      expect(refused.status).toBe(403);
      expect(refused.body['error']).toBe(
        'this API token may not post, edit or dismiss urgent announcements; staff can create a token with the "urgent" permission',
      );
      expect((await box('POST', '/api/admin/announcements', { text: 'Popcorn 2 for 1' })).status).toBe(201);
      const posted = await manager('POST', '/api/admin/announcements', urgent);
      expect(posted.status).toBe(201);
      const { id } = posted.body.record;
      expect(
        (await box('PUT', `/api/admin/announcements/${id}`, { text: 'All clear', version: 1 })).status,
      ).toBe(403);
      expect((await box('DELETE', `/api/admin/announcements/${id}?version=1`)).status).toBe(403);
      expect((await manager('DELETE', `/api/admin/announcements/${id}?version=1`)).status).toBe(200);
      const list = await api<never>('GET', '/api/admin/tokens');
      expect(
        (list.body['tokens'] as { name: string; permissions: string[] }[]).map((t) => [
          t.name,
          t.permissions,
        ]),
      ).toEqual([
        ['box office', []],
        ['duty manager', ['urgent']],
      ]);
      const bad = await api<never>('POST', '/api/admin/tokens', { name: 'x', permissions: ['everything'] });
      expect(bad.status).toBe(400);
      expect(bad.body['fields']).toEqual({
        'permissions.0': 'is not a permission; they are "urgent" and "metrics"',
      });
    });

    it('dismisses an urgent announcement from the upstream locally; a token needs the permission', async () => {
      ctx.hub.store.apply(
        [
          {
            type: 'announcement.upsert',
            data: {
              id: 'up-u1',
              text: 'Fire alarm test at 10:00',
              priority: 0,
              urgent: true,
              source: 'upstream',
            },
          },
        ],
        { origin: 'upstream' },
      );
      const plain = await api<never>('POST', '/api/admin/tokens', { name: 'box office' });
      const refused = await call(`${ctx.hub.url}/api/admin/overrides/announcement/up-u1`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${String(plain.body['token'])}` },
        body: { hidden: true },
      });
      expect(refused.status).toBe(403);
      const res = await api<never>('PUT', '/api/admin/overrides/announcement/up-u1', {
        hidden: true,
        note: 'test done',
      });
      expect(res.status).toBe(200);
      const snap = await call<{ announcements: { id: string }[] }>(`${ctx.hub.url}/api/snapshot`);
      expect(snap.body.announcements.map((a) => a.id)).not.toContain('up-u1');
    });
  });
});
