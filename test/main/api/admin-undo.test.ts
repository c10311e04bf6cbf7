import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, signIn } from '../../support/http.ts';
import { TEST_PASSWORD, adminHub, inMinutes, seedBasics } from './admin-support.ts';

type Ctx = Awaited<ReturnType<typeof adminHub>>;
type Entry = { id: number; action: string; summary: string; undoable?: boolean; undoneAt?: string | null };
type Show = { id: string; version: number; status: string; startsAt: string; seatsAvailable: number };

describe('undo from the audit log', () => {
  let ctx: Ctx;
  const latest = async () =>
    (await ctx.api<{ entries: Entry[] }>('GET', '/api/admin/audit?limit=1')).body.entries[0]!;
  const undo = (id: number) =>
    ctx.api<{ undone: number; changes: number; code?: string; params?: Record<string, unknown> }>(
      'POST',
      `/api/admin/audit/${id}/undo`,
    );
  const create = async (startsAt: string, auditoriumId = 'a1') => {
    const res = await ctx.api<{ record: Show }>('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId,
      startsAt,
    });
    expect(res.status).toBe(201);
    return res.body.record;
  };

  beforeEach(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
  });
  afterEach(() => ctx.hub.stop());

  it('reinstates a cancelled show, audits the undo, and refuses a second undo', async () => {
    const show = await create(inMinutes(300));
    await ctx.api('POST', `/api/admin/showtimes/${show.id}/cancel`, { version: show.version });
    const cancel = await latest();
    expect(cancel).toMatchObject({ action: 'showtime.cancel', undoable: true, undoneAt: null });
    const res = await undo(cancel.id);
    expect(res.status).toBe(200);
    expect(ctx.hub.store.records.showtimes.get(show.id)?.status).toBe('scheduled');
    const entry = await latest();
    expect(entry).toMatchObject({ action: 'audit.undo', undoable: true });
    expect(entry.summary).toContain(`#${cancel.id}`);
    const again = await undo(cancel.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'undo_refused', params: { reason: 'already_undone' } });
  });

  it('brings a deleted show back whole, and removes it again by undoing the undo', async () => {
    const show = await create(inMinutes(300));
    await ctx.api('DELETE', `/api/admin/showtimes/${show.id}?version=${show.version}`);
    expect(ctx.hub.store.records.showtimes.get(show.id)).toBeUndefined();
    expect((await undo((await latest()).id)).status).toBe(200);
    const back = ctx.hub.store.records.showtimes.get(show.id);
    expect(back).toMatchObject({ startsAt: show.startsAt, status: 'scheduled', seatsAvailable: 100 });
    expect((await undo((await latest()).id)).status).toBe(200);
    expect(ctx.hub.store.records.showtimes.get(show.id)).toBeUndefined();
  });

  it('undoes a copied day, but not once seats were sold on a copy', async () => {
    await create('2030-05-01T10:00:00Z');
    await create('2030-05-01T14:00:00Z', 'a2');
    const copy = await ctx.api<{ records: string[] }>('POST', '/api/admin/showtimes/copy-day', {
      from: '2030-05-01',
      to: '2030-05-02',
    });
    expect(copy.status).toBe(201);
    const entry = await latest();
    const [sold] = copy.body.records;
    const shown = ctx.hub.store.records.showtimes.get(sold!)!;
    await ctx.api('PATCH', `/api/admin/showtimes/${sold}/availability`, { seatsAvailable: 90 });
    const refused = await undo(entry.id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'undo_refused',
      params: { reason: 'changed_since', type: 'showtime', id: sold },
    });
    expect(ctx.hub.store.records.showtimes.all()).toHaveLength(4);
    await ctx.api('PATCH', `/api/admin/showtimes/${sold}/availability`, {
      seatsAvailable: shown.seatsAvailable,
    });
    // Seats back where they were still moved the version: a later change is a later change.
    expect((await undo(entry.id)).status).toBe(409);
    await ctx.api(
      'DELETE',
      `/api/admin/showtimes/${sold}?version=${ctx.hub.store.records.showtimes.get(sold!)!.version}`,
    );
    const ok = await undo(entry.id);
    expect(ok.status).toBe(200);
    expect(ok.body.changes).toBe(1);
    expect(ctx.hub.store.records.showtimes.all().map((s) => s.startsAt.slice(0, 10))).toEqual([
      '2030-05-01',
      '2030-05-01',
    ]);
  });

  it('takes back a CSV import whole, and a deleted film', async () => {
    const csv = [
      'date,time,auditorium,film',
      '2030-05-06,10:00,Screen 1,Tidewater',
      '2030-05-06,14:00,Screen 2,Lanterns',
    ];
    const imported = await ctx.api('POST', '/api/admin/import/showtimes', { csv: csv.join('\n') });
    expect(imported.status).toBe(201);
    const entry = await latest();
    expect(entry).toMatchObject({ action: 'import.csv', undoable: true });
    expect(ctx.hub.store.records.showtimes.all()).toHaveLength(2);
    expect((await undo(entry.id)).status).toBe(200);
    expect(ctx.hub.store.records.showtimes.all()).toHaveLength(0);

    const film = ctx.hub.store.records.films.get('f2')!;
    await ctx.api('DELETE', `/api/admin/films/f2?version=${film.version}`);
    expect((await undo((await latest()).id)).status).toBe(200);
    expect(ctx.hub.store.records.films.get('f2')).toMatchObject({ title: 'Lanterns', tags: film.tags });
  });

  it('refuses a restore that would clash with a show added since', async () => {
    const show = await create(inMinutes(300));
    await ctx.api('DELETE', `/api/admin/showtimes/${show.id}?version=${show.version}`);
    const deleted = await latest();
    await create(show.startsAt);
    const res = await undo(deleted.id);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('overlaps');
  });

  it('refuses entries older than a day and entries with nothing to restore', async () => {
    await ctx.hub.stop();
    // The store reads the clock it was given at start: a fake one, moved on below.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    ctx = await adminHub();
    await seedBasics(ctx.api);
    const show = await create(inMinutes(300));
    await ctx.api('POST', `/api/admin/showtimes/${show.id}/cancel`, { version: show.version });
    const cancel = await latest();
    await ctx.api('POST', '/api/admin/tokens', { name: 'till 1' });
    const token = await latest();
    expect(token.undoable).toBe(false);
    expect((await undo(token.id)).body).toMatchObject({ params: { reason: 'not_undoable' } });
    expect((await undo(999_999)).status).toBe(404);
    try {
      vi.setSystemTime(Date.now() + 25 * 3_600_000);
      // A day on, the session has expired too: sign in again.
      const auth = await signIn(ctx.hub.url, TEST_PASSWORD);
      const old = await call(`${ctx.hub.url}/api/admin/audit/${cancel.id}/undo`, {
        method: 'POST',
        headers: auth,
      });
      expect(old.body).toMatchObject({ code: 'undo_refused', params: { reason: 'too_old' } });
    } finally {
      vi.useRealTimers();
    }
  });
});
