import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_POSTER_BYTES } from '../../../main/posters/sniff.ts';
import { adminHub, fingerprint, seedBasics } from '../api/admin-support.ts';

// A real 1×1 PNG, a JPEG header and a WebP header: the checks read the first bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(32),
]);

describe('poster upload', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  const upload = async (body: Buffer, type: string, version = 1, id = 'f1') => {
    const res = await fetch(`${ctx.hub.url}/api/admin/films/${id}/poster?version=${version}`, {
      method: 'POST',
      headers: { ...ctx.auth, 'Content-Type': type },
      body: new Uint8Array(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { record?: { posterUrl: string } },
    };
  };
  const posters = () => readdirSync(join(ctx.hub.dataDir, 'posters')).filter((n) => n.startsWith('up-'));
  beforeEach(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
  });
  afterEach(() => ctx.hub.stop());

  it('stores PNG, JPEG and WebP under DATA/posters and serves them; a new poster replaces the old file', async () => {
    const png = await upload(PNG, 'image/png');
    expect(png.status).toBe(200);
    const url = png.body.record!.posterUrl;
    expect(url).toMatch(/^\/posters\/up-f1-[0-9a-f]{16}\.png$/);
    const served = await fetch(`${ctx.hub.url}${url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    expect((await upload(JPEG, 'image/jpeg', 2)).body.record!.posterUrl).toMatch(/\.jpg$/);
    expect((await upload(WEBP, 'application/octet-stream', 3)).body.record!.posterUrl).toMatch(/\.webp$/);
    // The replaced files go once the commit is in.
    await vi.waitFor(() => expect(posters()).toHaveLength(1));
    expect(existsSync(join(ctx.hub.dataDir, url))).toBe(false);
  });

  it('refuses SVG, disguised files, a wrong declared type, stale versions and oversized bodies', async () => {
    const before = fingerprint(ctx.hub);
    const svg = await upload(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/svg+xml',
    );
    expect(svg.status).toBe(415);
    expect(svg.body['error']).toContain('SVG');
    expect((await upload(Buffer.from('<?xml version="1.0"?><svg/>'), 'image/png')).status).toBe(415);
    expect((await upload(Buffer.from('GIF89a.....'), 'image/png')).status).toBe(415);
    expect((await upload(Buffer.from('MZ executable'), 'image/jpeg')).status).toBe(415);
    expect((await upload(PNG, 'image/jpeg')).status).toBe(415);
    expect((await upload(Buffer.alloc(0), 'image/png')).status).toBe(400);
    expect((await upload(PNG, 'image/png', 9)).status).toBe(409);
    expect((await upload(PNG, 'image/png', 1, 'nope')).status).toBe(404);
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_POSTER_BYTES)]);
    expect((await upload(big, 'image/png')).status).toBe(413);
    expect(fingerprint(ctx.hub)).toBe(before);
    expect(posters()).toEqual([]);
  });

  it('deletes an uploaded poster once a film PUT stops naming it: ten cycles leave one file', async () => {
    let version = 1;
    for (let i = 0; i < 10; i++) {
      const distinct = Buffer.concat([PNG, Buffer.from(`cycle ${i}`)]);
      const up = await upload(distinct, 'image/png', version);
      expect(up.status).toBe(200);
      version++;
      const put = await ctx.api('PUT', '/api/admin/films/f1', {
        title: 'Tidewater',
        runtimeMinutes: 100,
        tags: [],
        posterUrl: '/posters/elsewhere.png',
        version,
      });
      expect(put.status).toBe(200);
      version++;
    }
    expect((await upload(PNG, 'image/png', version)).status).toBe(200);
    await vi.waitFor(() => expect(posters()).toHaveLength(1));
    // A film removed takes its upload with it.
    expect((await ctx.api('DELETE', `/api/admin/films/f1?version=${version + 1}`)).status).toBe(200);
    await vi.waitFor(() => expect(posters()).toEqual([]));
  });

  it('refuses a poster address outside /posters/ or with spaces or controls, saying why', async () => {
    const before = fingerprint(ctx.hub);
    for (const posterUrl of [
      '/api/admin/state',
      '/posters/../marquee.db',
      'https://cdn.example/a b.png',
      'https://cdn.example/p.png\r\n',
    ]) {
      const res = await ctx.api('PUT', '/api/admin/films/f1', {
        title: 'Tidewater',
        runtimeMinutes: 100,
        tags: [],
        posterUrl,
        version: 1,
      });
      expect(res.status, posterUrl).toBe(400);
      expect(JSON.stringify(res.body), posterUrl).toContain('posterUrl');
    }
    expect(fingerprint(ctx.hub)).toBe(before);
  });
});

describe('poster upload on a nearly full disk', () => {
  it('answers 507 saying why, and writes nothing', async () => {
    const ctx = await adminHub({ posters: { freeBytes: () => Promise.resolve(50 * 1024 * 1024) } });
    try {
      await seedBasics(ctx.api);
      const before = fingerprint(ctx.hub);
      const res = await fetch(`${ctx.hub.url}/api/admin/films/f1/poster?version=1`, {
        method: 'POST',
        headers: { ...ctx.auth, 'Content-Type': 'image/png' },
        body: new Uint8Array(PNG),
      });
      expect(res.status).toBe(507);
      expect(((await res.json()) as { error: string }).error).toMatch(
        /not saved: only 50 MiB free on the disk/,
      );
      expect(fingerprint(ctx.hub)).toBe(before);
      expect(readdirSync(join(ctx.hub.dataDir, 'posters'))).toEqual(['cache']);
    } finally {
      await ctx.hub.stop();
    }
  });
});
