import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../support/http.ts';
import { adminHub, fingerprint, seedBasics } from './admin-support.ts';

type Problem = { line?: number; fields: Record<string, string> };

describe('CSV import of a week', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  const importCsv = (csv: string, extra: Record<string, unknown> = {}) =>
    ctx.api<{ imported: number; valid: number; rows: Problem[]; error: string; seq: number }>(
      'POST',
      '/api/admin/import/showtimes',
      { csv, ...extra },
    );
  beforeEach(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
    const venue = (await ctx.api<{ venue: { version: number } }>('GET', '/api/admin/state')).body.venue;
    await ctx.api('PUT', '/api/admin/venue', {
      name: 'Harbourfront',
      timezone: 'Asia/Singapore',
      locales: ['en'],
      settings: {},
      version: venue.version,
    });
  });
  afterEach(() => ctx.hub.stop());

  const GOOD = [
    'date,time,auditorium,film,tags,capacity,seats',
    '2030-05-06,10:00,Screen 1,Tidewater,IMAX;Laser,,',
    '2030-05-06,12:30,a1,"Lanterns",,80,75',
    '2030-05-06,10:00,screen 2,f2,"Subtitled, English",,',
    '2030-05-07,10:00,Screen 1,TIDEWATER,,,0',
  ].join('\r\n');

  it('imports every row in one transaction, in venue time, with one audit entry', async () => {
    const seq = ctx.hub.store.seq;
    const res = await importCsv(GOOD);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(4);
    expect(ctx.hub.store.seq).toBe(seq + 4);
    // Same start, random ids: order by auditorium too.
    const shows = ctx.hub.store.records.showtimes
      .all()
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.auditoriumId.localeCompare(b.auditoriumId));
    expect(
      shows.map((s) => [s.startsAt, s.auditoriumId, s.filmId, s.tags, s.capacity, s.seatsAvailable]),
    ).toEqual([
      ['2030-05-06T02:00:00.000Z', 'a1', 'f1', ['IMAX', 'Laser'], 100, 100],
      ['2030-05-06T02:00:00.000Z', 'a2', 'f2', ['Subtitled, English'], 50, 50],
      ['2030-05-06T04:30:00.000Z', 'a1', 'f2', [], 80, 75],
      ['2030-05-07T02:00:00.000Z', 'a1', 'f1', [], 100, 0],
    ]);
    const audit = await ctx.api<{
      entries: { action: string; targetCount: number; seqFrom: number; seqTo: number }[];
    }>('GET', '/api/admin/audit?limit=1');
    expect(audit.body.entries[0]).toMatchObject({
      action: 'import.csv',
      targetCount: 4,
      seqFrom: seq + 1,
      seqTo: seq + 4,
    });
  });

  it('reports every bad row with its line and imports nothing', async () => {
    const csv = [
      'date,time,auditorium,film,tags,capacity,seats',
      '2030-05-06,10:00,Screen 1,Tidewater,,,', // line 2: fine
      '2030-05-06,25:00,Screen 1,Tidewater,,,', // line 3: bad time
      '2030-05-06,"14:00',
      'x",Screen 1,Tidewater,,,', // lines 4–5: a quoted newline, bad time
      '2030-02-30,10:00,Screen 1,Tidewater,,,', // line 6: no such date
      '2030-05-06,16:00,Nowhere,Nothing,,,', // line 7: unknown auditorium and film
      '2030-05-06,18:00,Screen 2,Tidewater,,10,11', // line 8: seats over capacity
      '2030-05-06,20:00,Screen 2,Tidewater,,', // line 9: too few fields
      '',
      '2030-05-06,21:00,Screen 2,Tidewater,,abc,', // line 11: capacity not a number
      '2030-05-06,22:00,Screen 2,Tidewater,evil\u202Egnp,,', // line 12: a bidi override
    ].join('\n');
    const before = fingerprint(ctx.hub);
    const res = await importCsv(csv);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('nothing was imported');
    expect(res.body.rows.map((r) => [r.line, Object.keys(r.fields).sort()])).toEqual([
      [3, ['time']],
      [4, ['time']],
      [6, ['date']],
      [7, ['auditorium', 'film']],
      [8, ['seats']],
      [9, ['(row)']],
      [11, ['capacity']],
      [12, ['tags']],
    ]);
    expect(fingerprint(ctx.hub)).toBe(before);
  });

  it('checks rows against the schedule and against each other, all or nothing', async () => {
    await ctx.api('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId: 'a2',
      startsAt: '2030-05-06T06:00:00Z',
    });
    const csv = [
      'date,time,auditorium,film',
      '2030-05-06,10:00,Screen 1,Tidewater',
      '2030-05-06,11:00,Screen 1,Tidewater', // clashes with line 2
      '2030-05-06,14:30,Screen 2,Tidewater', // clashes with the show already there (14:00 local)
      '2030-05-06,18:00,Screen 2,Tidewater',
      '2020-01-01,18:00,Screen 2,Tidewater', // in the past
    ].join('\n');
    const before = fingerprint(ctx.hub);
    const res = await importCsv(csv);
    expect(res.status).toBe(400);
    const overlap = {
      code: 'overlap',
      params: expect.objectContaining({ title: 'Tidewater', cleaningMinutes: 15 }),
    };
    expect(res.body.rows).toEqual([
      {
        line: 3,
        fields: { time: expect.stringContaining('overlaps "Tidewater"') },
        fieldCodes: { time: overlap },
      },
      {
        line: 4,
        fields: { time: expect.stringContaining('overlaps "Tidewater"') },
        fieldCodes: { time: overlap },
      },
      {
        line: 6,
        fields: { time: expect.stringContaining('must be in the future') },
        fieldCodes: { time: { code: 'in_past', params: { startsAt: expect.any(String) } } },
      },
    ]);
    expect(fingerprint(ctx.hub)).toBe(before);
  });

  it('checks without writing on a dry run, and takes a raw text/csv body', async () => {
    const before = fingerprint(ctx.hub);
    const dry = await importCsv(GOOD, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ imported: 0, valid: 4 });
    expect(fingerprint(ctx.hub)).toBe(before);

    const raw = await call<{ imported: number }>(`${ctx.hub.url}/api/admin/import/showtimes`, {
      method: 'POST',
      headers: { ...ctx.auth, 'Content-Type': 'text/csv; charset=utf-8' },
      raw: '\uFEFF' + GOOD,
    });
    expect(raw.status).toBe(201);
    expect(raw.body.imported).toBe(4);
    const again = await importCsv(GOOD);
    expect(again.status).toBe(400);
    expect(again.body.rows).toHaveLength(4);
  });

  it('reads languages, canonical tags and the auditorium by its label, and explains bad languages', async () => {
    await ctx.api('PUT', '/api/admin/auditoriums/a2', {
      name: 'Screen 2',
      label: 'GC1',
      capacity: 50,
      version: 1,
    });
    const csv = [
      'date,time,auditorium,film,tags,audio,subtitles,capacity,seats',
      '2030-05-06,19:10,1,Lanterns,3d|audio described,Mandarin,en;zh-Hans,,14',
      '2030-05-06,19:10,gc1,Tidewater,Q and A;Premiere,yue,English | Chinese,,',
      '2030-05-07,10:00,Screen 1,Tidewater,,,,,',
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(201);
    const rows = (res.body as unknown as { records: Record<string, unknown>[] }).records;
    expect(
      rows.map((r) => [r['auditoriumId'], r['tags'], r['audio'], r['subtitles'], r['seatsAvailable']]),
    ).toEqual([
      ['a1', ['3D', 'AD'], 'cmn', ['en', 'zh-Hans'], 14],
      ['a2', ['Q&A', 'Premiere'], 'yue', ['en', 'zh'], 50],
      ['a1', [], undefined, undefined, 100],
    ]);
    const bad = await importCsv(
      [
        'date,time,auditorium,film,audio,subtitles',
        '2030-05-08,10:00,Screen 1,Tidewater,Klingon,',
        '2030-05-08,14:00,Screen 1,Tidewater,en,en;Elvish',
        '2030-05-08,18:00,Screen 1,Tidewater,en,en;English',
        '2030-05-08,20:00,Nowhere,Tidewater,,',
      ].join('\n'),
    );
    expect(bad.status).toBe(400);
    // Each row also carries fieldCodes (see error-codes.test.ts); here the sentences matter.
    expect(bad.body.rows).toMatchObject([
      {
        line: 2,
        fields: {
          audio: '"Klingon" is not a language code or name Marquee knows; write a code such as cmn, en or ms',
        },
      },
      {
        line: 3,
        fields: {
          subtitles:
            '"Elvish" is not a language code or name Marquee knows; write a code such as cmn, en or ms',
        },
      },
      { line: 4, fields: { subtitles: 'lists a language twice' } },
      { line: 5, fields: { auditorium: '"Nowhere" matches no id or name or label' } },
    ]);
  });

  it('explains header problems', async () => {
    const cases: [string, string][] = [
      ['date,time,auditorium\n2030-05-06,10:00,a1', 'missing column(s): film'],
      ['date,time,auditorium,film,colour\n2030-05-06,10:00,a1,f1,red', 'unknown column "colour"'],
      ['date,time,auditorium,film,film\n', 'appears twice'],
      ['date,time,auditorium,film\n', 'no rows'],
      ['date,time,auditorium,film\n"2030-05-06,10:00,a1,f1', 'Quote Not Closed'],
    ];
    for (const [csv, message] of cases) {
      const res = await importCsv(csv);
      expect(res.status, csv).toBe(400);
      expect(res.body.error, csv).toContain(message);
    }
    expect((await importCsv('')).status).toBe(400);
  });
});
