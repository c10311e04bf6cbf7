import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../main/domain/events.ts';
import { Showtime } from '../../../main/domain/records.ts';
import { adminHub, fingerprint } from './admin-support.ts';

const upstreamShow = (over: Partial<Showtime> = {}): Change => ({
  type: 'showtime.upsert',
  data: Showtime.parse({
    id: 'up-1',
    filmId: 'f1',
    auditoriumId: 'a1',
    startsAt: '2030-01-01T19:00:00Z',
    capacity: 100,
    seatsAvailable: 100,
    source: 'upstream',
    ...over,
  }),
});

describe('local overrides of upstream records', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  const feed = (changes: Change[]) => ctx.hub.store.apply(changes, { origin: 'upstream' });
  /** Events logged after `seq`, as `[type, data]`. */
  const after = (seq: number) =>
    (ctx.hub.store.eventsAfter(seq) ?? []).map((e) => [e.type, JSON.parse(e.json)]);
  const override = (body: Record<string, unknown>, kind = 'showtime', id = 'up-1') =>
    ctx.api<{ override: { version: number } | null; seq: number } & Record<string, unknown>>(
      'PUT',
      `/api/admin/overrides/${kind}/${id}`,
      body,
    );

  beforeEach(async () => {
    ctx = await adminHub();
    feed([
      { type: 'auditorium.upsert', data: { id: 'a1', name: 'One', capacity: 100, source: 'upstream' } },
      {
        type: 'film.upsert',
        data: { id: 'f1', title: 'Up', runtimeMinutes: 90, tags: [], source: 'upstream' },
      },
      upstreamShow(),
      { type: 'announcement.upsert', data: { id: 'n1', text: 'Hello', priority: 0, source: 'upstream' } },
    ]);
  });
  afterEach(() => ctx.hub.stop());

  it('keeps upstream records read-only in the admin', async () => {
    const before = fingerprint(ctx.hub);
    const put = await ctx.api('PUT', '/api/admin/showtimes/up-1', {
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: '2030-01-01T20:00:00Z',
      tags: [],
      status: 'scheduled',
      capacity: 100,
      seatsAvailable: 100,
      version: 1,
    });
    expect(put.status).toBe(403);
    expect(put.body['error']).toContain('owned by the upstream feed');
    expect((await ctx.api('DELETE', '/api/admin/showtimes/up-1?version=1')).status).toBe(403);
    expect((await ctx.api('POST', '/api/admin/showtimes/up-1/cancel', { version: 1 })).status).toBe(403);
    expect((await ctx.api('DELETE', '/api/admin/films/f1?version=1')).status).toBe(403);
    expect(
      (await ctx.api('PATCH', '/api/admin/showtimes/up-1/availability', { seatsAvailable: 3 })).status,
    ).toBe(403);
    expect(fingerprint(ctx.hub)).toBe(before);
  });

  it('cancels locally: screens get the cancelled record, and it stays cancelled through upstream updates', async () => {
    const seq = ctx.hub.store.seq;
    const res = await override({ cancelled: true, note: 'projector broken' });
    expect(res.status).toBe(200);
    expect(res.body.override).toMatchObject({
      cancelled: true,
      hidden: false,
      note: 'projector broken',
      version: 1,
    });
    expect(after(seq)).toEqual([
      ['showtime.upsert', expect.objectContaining({ id: 'up-1', status: 'cancelled' })],
    ]);
    expect(ctx.hub.store.snapshot().showtimes[0]).toMatchObject({ id: 'up-1', status: 'cancelled' });
    // The stored upstream record is untouched.
    expect(ctx.hub.store.records.showtimes.get('up-1')?.status).toBe('scheduled');

    const s2 = ctx.hub.store.seq;
    feed([upstreamShow({ seatsAvailable: 40, tags: ['Late'] })]);
    expect(after(s2)).toEqual([
      [
        'showtime.upsert',
        expect.objectContaining({ seatsAvailable: 40, tags: ['Late'], status: 'cancelled' }),
      ],
    ]);
    const s3 = ctx.hub.store.seq;
    feed([{ type: 'availability', data: { showtimeId: 'up-1', seatsAvailable: 30 } }]);
    expect(after(s3)).toEqual([['availability', { showtimeId: 'up-1', seatsAvailable: 30 }]]);

    // Clearing the override brings back what upstream says.
    const s4 = ctx.hub.store.seq;
    expect((await override({ version: 1 })).body.override).toBeNull();
    expect(after(s4)).toEqual([
      ['showtime.upsert', expect.objectContaining({ status: 'scheduled', seatsAvailable: 30 })],
    ]);
    expect(ctx.hub.store.overrides.all()).toEqual([]);
  });

  it('hides: screens are told to remove it, hear nothing of it while hidden, and get it back when shown', async () => {
    const seq = ctx.hub.store.seq;
    await override({ hidden: true });
    expect(after(seq)).toEqual([['showtime.remove', { id: 'up-1' }]]);
    expect(ctx.hub.store.snapshot().showtimes).toEqual([]);

    const s2 = ctx.hub.store.seq;
    feed([
      upstreamShow({ seatsAvailable: 10 }),
      { type: 'availability', data: { showtimeId: 'up-1', seatsAvailable: 9 } },
    ]);
    expect(ctx.hub.store.seq).toBe(s2);
    expect(ctx.hub.store.records.showtimes.get('up-1')?.seatsAvailable).toBe(9);

    await override({ hidden: false, version: 1 });
    expect(after(s2)).toEqual([
      ['showtime.upsert', expect.objectContaining({ id: 'up-1', seatsAvailable: 9 })],
    ]);
    expect(ctx.hub.store.snapshot().showtimes).toHaveLength(1);
  });

  it('hides an announcement; a note alone changes nothing on screen', async () => {
    const seq = ctx.hub.store.seq;
    expect((await override({ note: 'check wording' }, 'announcement', 'n1')).status).toBe(200);
    expect(ctx.hub.store.seq).toBe(seq);
    await override({ hidden: true, note: 'check wording', version: 1 }, 'announcement', 'n1');
    expect(after(seq)).toEqual([['announcement.remove', { id: 'n1' }]]);
    expect(ctx.hub.store.snapshot().announcements).toEqual([]);
    const cancel = await override({ cancelled: true, version: 2 }, 'announcement', 'n1');
    expect(cancel.status).toBe(400);
    expect(cancel.body['fields']).toHaveProperty('cancelled');
  });

  it('survives the record being removed upstream and put back', async () => {
    await override({ cancelled: true });
    feed([{ type: 'showtime.remove', data: { id: 'up-1' } }]);
    const seq = ctx.hub.store.seq;
    feed([upstreamShow()]);
    expect(after(seq)).toEqual([['showtime.upsert', expect.objectContaining({ status: 'cancelled' })]]);
  });

  it('refuses overrides on local records, unknown records, and stale versions', async () => {
    ctx.hub.store.apply(
      [upstreamShow({ id: 'loc-1', source: 'local', startsAt: '2030-01-02T19:00:00Z' })].map((c) => c),
    );
    const before = fingerprint(ctx.hub);
    expect((await override({ hidden: true }, 'showtime', 'loc-1')).status).toBe(403);
    expect((await override({ hidden: true }, 'showtime', 'nope')).status).toBe(404);
    expect((await override({ hidden: true }, 'film', 'f1')).status).toBe(400);
    expect(fingerprint(ctx.hub)).toBe(before);
    await override({ hidden: true });
    const stale = await override({ hidden: false });
    expect(stale.status).toBe(409);
    expect(stale.body['current']).toMatchObject({ hidden: true, version: 1 });
    expect((await override({ hidden: false, version: 5 })).status).toBe(409);
  });

  it('lists overrides beside the stored records in the admin state', async () => {
    await override({ cancelled: true, note: 'n' });
    const state = await ctx.api<{ showtimes: { id: string; status: string }[]; overrides: unknown[] }>(
      'GET',
      '/api/admin/state',
    );
    expect(state.body.showtimes).toEqual([expect.objectContaining({ id: 'up-1', status: 'scheduled' })]);
    expect(state.body.overrides).toEqual([
      expect.objectContaining({ kind: 'showtime', id: 'up-1', cancelled: true, note: 'n' }),
    ]);
  });
});
