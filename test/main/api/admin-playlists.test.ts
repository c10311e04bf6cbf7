import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../main/domain/events.ts';
import { UPSTREAM_ID_KEY } from '../../../main/store/store.ts';
import { idOf } from '../../support/event-ids.ts';
import { call } from '../../support/http.ts';
import { type TestHub, startTestHub } from '../../support/test-hub.ts';
import { until } from '../relay/support/test-upstream.ts';
import { WEBM_HEAD } from '../media/fixtures.ts';
import { adminHub } from './admin-support.ts';

type Rec = Record<string, unknown> & { id: string; version: number };

const FIELDS = {
  name: 'Lobby',
  role: 'board',
  pages: [
    { kind: 'board', seconds: 20 },
    { kind: 'spotlight', filmId: 'f1', seconds: 12 },
    { kind: 'video', mediaId: 'm-trailer' },
    { kind: 'image', mediaId: 'm-breakfast', seconds: 8, from: '06:00', until: '11:00', weight: 2 },
  ],
};
const LOBBY = { id: 'pl-lobby', ...FIELDS };

describe('playlists and media in the admin API and the feed', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  const others: TestHub[] = [];
  afterEach(async () => {
    for (const hub of others.splice(0)) await hub.stop();
    await ctx.hub.stop();
  });

  const upload = (id: string, body: Buffer) =>
    fetch(`${ctx.hub.url}/api/admin/media/upload?id=${id}&name=${id}`, {
      method: 'POST',
      headers: ctx.auth,
      body: new Uint8Array(body),
    });

  it('creates, edits and deletes a playlist with versions; media a playlist shows cannot be deleted', async () => {
    ctx = await adminHub();
    // Staff's playlist may only name media the hub has, of the page's kind.
    const missing = await ctx.api('POST', '/api/admin/playlists', LOBBY);
    expect(missing.status).toBe(400);
    expect(missing.body['fieldCodes']).toEqual({
      'pages.2.mediaId': { code: 'not_found', params: { id: 'm-trailer' } },
    });
    expect((await upload('m-trailer', WEBM_HEAD)).status).toBe(201);
    expect((await upload('m-breakfast', WEBM_HEAD)).status).toBe(201);
    const wrongKind = await ctx.api('POST', '/api/admin/playlists', LOBBY);
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body['fields']).toHaveProperty(['pages.3.mediaId']);
    const picture = await ctx.api('DELETE', '/api/admin/media/m-breakfast?version=1');
    expect(picture.status).toBe(200);
    const link = await ctx.api('POST', '/api/admin/media', {
      id: 'm-breakfast',
      type: 'image/png',
      name: 'Breakfast',
      sourceUrl: 'https://cdn.example.com/breakfast.png',
    });
    expect(link.status).toBe(201);

    const created = await ctx.api<{ record: Rec }>('POST', '/api/admin/playlists', LOBBY);
    expect(created.status).toBe(201);
    expect(created.body.record).toMatchObject({ ...LOBBY, source: 'local', version: 1 });
    const bad = await ctx.api('POST', '/api/admin/playlists', {
      name: 'x',
      pages: [{ kind: 'board', seconds: 1, from: '25:00' }],
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body['fields'] as object).sort()).toEqual(
      ['(body)', 'pages.0.from', 'pages.0.seconds'].sort(),
    );

    const inUse = await ctx.api('DELETE', '/api/admin/media/m-trailer?version=1');
    expect(inUse.status).toBe(400);
    expect(String(inUse.body['error'])).toMatch(/still used by 1 playlist/);

    const edited = await ctx.api<{ record: Rec }>('PUT', '/api/admin/playlists/pl-lobby', {
      name: 'Lobby (winter)',
      displays: ['Foyer left'],
      pages: [{ kind: 'board', seconds: 30 }],
      version: 1,
    });
    expect(edited.status).toBe(200);
    // PUT replaces: the role left out is gone.
    expect(edited.body.record).not.toHaveProperty('role');
    expect((await ctx.api('PUT', '/api/admin/playlists/pl-lobby', { ...FIELDS, version: 1 })).status).toBe(
      409,
    );

    const snap = (await call<Snapshot>(`${ctx.hub.url}/api/snapshot`)).body;
    expect(snap.playlists).toEqual([expect.objectContaining({ id: 'pl-lobby', name: 'Lobby (winter)' })]);
    expect(snap.media?.map((m) => m.id).sort()).toEqual(['m-breakfast', 'm-trailer']);
    const types = ctx.hub.store.eventsAfter(0)!.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['playlist.upsert', 'media.upsert', 'media.remove']));

    // A PATCH renames a file; its type and size are its bytes' and stay.
    const retype = await ctx.api('PATCH', '/api/admin/media/m-trailer', { version: 1, type: 'image/png' });
    expect(retype.status).toBe(400);
    expect(retype.body['fields']).toHaveProperty(['type']);
    const renamed = await ctx.api<{ record: Rec }>('PATCH', '/api/admin/media/m-trailer', {
      version: 1,
      name: 'Trailer',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.record).toMatchObject({ name: 'Trailer', type: 'video/webm', version: 2 });

    const library = await ctx.api<{ media: { record: Rec; usedBy: unknown[] }[] }>('GET', '/api/admin/media');
    expect(library.body.media.map((m) => [m.record.id, m.usedBy.length])).toEqual([
      ['m-breakfast', 0],
      ['m-trailer', 0],
    ]);
    expect((await ctx.api('DELETE', '/api/admin/media/m-trailer?version=2')).status).toBe(200);
    await until(() => !existsSync(join(ctx.hub.dataDir, 'media', 'm-trailer')), 'the file to go', 5_000);
    expect((await ctx.api('DELETE', '/api/admin/playlists/pl-lobby?version=2')).status).toBe(200);
    expect(ctx.hub.store.snapshot().playlists).toEqual([]);
  });

  it('relays playlists and media to a chained hub, which fetches the files from its upstream', async () => {
    ctx = await adminHub();
    expect((await upload('m-trailer', WEBM_HEAD)).status).toBe(201);
    expect((await upload('m-breakfast', WEBM_HEAD)).status).toBe(201);
    const lobby = {
      ...FIELDS,
      pages: LOBBY.pages.map((p) => (p.kind === 'image' ? { ...p, kind: 'video' } : p)),
    };
    const posted = await ctx.api('POST', '/api/admin/playlists', { id: 'pl-lobby', ...lobby });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);

    const b = await startTestHub({ upstream: { url: `${ctx.hub.url}/events` } });
    others.push(b);
    const caughtUp = () => b.store.meta.get(UPSTREAM_ID_KEY) === idOf(ctx.hub.store, ctx.hub.store.seq);
    await until(caughtUp, 'hub B to take the snapshot', 15_000);
    expect(b.store.records.playlists.get('pl-lobby')).toMatchObject({
      pages: lobby.pages,
      source: 'upstream',
    });
    // The upstream's origin is trusted by the address rules, so loopback is fetched here.
    // The file lands on disk a moment before the library lists it: wait for what screens get.
    let clip = await fetch(`${b.url}/media/m-trailer`);
    for (let i = 0; i < 200 && clip.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      clip = await fetch(`${b.url}/media/m-trailer`);
    }
    expect(existsSync(join(b.dataDir, 'media', 'm-trailer'))).toBe(true);
    expect(clip.status).toBe(200);
    expect(Buffer.from(await clip.arrayBuffer()).equals(WEBM_HEAD)).toBe(true);

    // A change on A reaches B as an event; a removal too.
    const renamed = await ctx.api('PUT', '/api/admin/playlists/pl-lobby', {
      ...lobby,
      name: 'Lobby 2',
      version: 1,
    });
    expect(renamed.status).toBe(200);
    await until(caughtUp, 'hub B to hear of the edit', 15_000);
    expect(b.store.records.playlists.get('pl-lobby')?.name).toBe('Lobby 2');
    expect((await ctx.api('DELETE', '/api/admin/playlists/pl-lobby?version=2')).status).toBe(200);
    expect((await ctx.api('DELETE', '/api/admin/media/m-trailer?version=1')).status).toBe(200);
    await until(caughtUp, 'hub B to hear of the removals', 15_000);
    expect(b.store.records.playlists.count()).toBe(0);
    expect(b.store.records.media.all().map((m) => m.id)).toEqual(['m-breakfast']);
  });
});
