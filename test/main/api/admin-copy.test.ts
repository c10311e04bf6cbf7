import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminHub, fingerprint, seedBasics } from './admin-support.ts';

type Ctx = Awaited<ReturnType<typeof adminHub>>;
type Skipped = { label: string; film: string; auditorium: string; reason: string };
type Copied = { copied: number; removed: number; skipped: Skipped[]; records: string[] };

describe('POST /api/admin/showtimes/copy-days', () => {
  let ctx: Ctx;
  const add = async (filmId: string, auditoriumId: string, startsAt: string) =>
    expect((await ctx.api('POST', '/api/admin/showtimes', { filmId, auditoriumId, startsAt })).status).toBe(
      201,
    );

  beforeEach(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
    await ctx.api('PUT', '/api/admin/venue', {
      ...ctx.hub.store.venue(),
      timezone: 'UTC',
      version: ctx.hub.store.venue().version,
    });
    // A week, 2030-05-06 (Mon) to 2030-05-12: two shows a day.
    for (let d = 6; d <= 12; d++) {
      const day = `2030-05-${String(d).padStart(2, '0')}`;
      await add('f1', 'a1', `${day}T14:00:00Z`);
      await add('f2', 'a2', `${day}T19:00:00Z`);
    }
    // Already on the next Wednesday: clashes with the 14:00 copy.
    await add('f2', 'a1', '2030-05-15T13:00:00Z');
  });
  afterEach(() => ctx.hub.stop());

  it('copies a week onto the next, skipping a clash it names by film, time and screen; one undo removes it all', async () => {
    const before = fingerprint(ctx.hub);
    const shows = ctx.hub.store.records.showtimes.all().length;
    const res = await ctx.api<Copied>('POST', '/api/admin/showtimes/copy-days', {
      from: '2030-05-06',
      fromLast: '2030-05-12',
      to: '2030-05-13',
      toLast: '2030-05-19',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ copied: 13, removed: 0 });
    expect(res.body.skipped).toEqual([
      {
        label:
          '"Tidewater" in Screen 1 at 2030-05-15 14:00 — not copied: it clashes with "Lanterns" in Screen 1 at 2030-05-15 13:00',
        film: 'Tidewater',
        auditorium: 'Screen 1',
        startsAt: '2030-05-15T14:00:00.000Z',
        reason: 'clash',
        clashesWith: { film: 'Lanterns', startsAt: '2030-05-15T13:00:00.000Z' },
      },
    ]);
    expect(JSON.stringify(res.body.skipped)).not.toMatch(/st-/);
    expect(ctx.hub.store.records.showtimes.all()).toHaveLength(shows + 13);
    const audit = await ctx.api<{
      entries: { id: number; action: string; summary: string; undoable: boolean }[];
    }>('GET', '/api/admin/audit?limit=1');
    const entry = audit.body.entries[0]!;
    expect(entry).toMatchObject({ action: 'showtime.copy-days', undoable: true });
    expect(entry.summary).toBe(
      'Copied 13 showtime(s) from 2030-05-06–2030-05-12 to 2030-05-13–2030-05-19, 1 left out',
    );
    expect((await ctx.api('POST', `/api/admin/audit/${entry.id}/undo`)).status).toBe(200);
    expect(ctx.hub.store.records.showtimes.all()).toHaveLength(shows);
    expect(fingerprint(ctx.hub)).not.toBe(before); // the undo is itself a change, audited and logged
  });

  it('replace clears the target day’s local shows first', async () => {
    const res = await ctx.api<Copied>('POST', '/api/admin/showtimes/copy-days', {
      from: '2030-05-08',
      to: '2030-05-15',
      mode: 'replace',
    });
    expect(res.body).toMatchObject({ copied: 2, removed: 1, skipped: [] });
    const wed = ctx.hub.store.records.showtimes.all().filter((s) => s.startsAt.startsWith('2030-05-15'));
    expect(wed.map((s) => s.startsAt).sort()).toEqual([
      '2030-05-15T14:00:00.000Z',
      '2030-05-15T19:00:00.000Z',
    ]);
  });

  it('refuses overlapping ranges and ranges that end before they start, changing nothing', async () => {
    const before = fingerprint(ctx.hub);
    const overlap = await ctx.api('POST', '/api/admin/showtimes/copy-days', {
      from: '2030-05-06',
      fromLast: '2030-05-12',
      to: '2030-05-10',
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body['fields']).toHaveProperty('to');
    const backwards = await ctx.api('POST', '/api/admin/showtimes/copy-days', {
      from: '2030-05-06',
      to: '2030-05-20',
      toLast: '2030-05-19',
    });
    expect(backwards.body['fields']).toHaveProperty('toLast');
    expect(fingerprint(ctx.hub)).toBe(before);
  });
});
