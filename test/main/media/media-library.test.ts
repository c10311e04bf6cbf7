import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePng } from '../../../main/png.ts';
import { sniffMedia } from '../../../main/media/sniff-media.ts';
import { adminHub } from '../api/admin-support.ts';
import { WEBM_HEAD } from './fixtures.ts';

const MP4_HEAD = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom', 'latin1'),
  Buffer.alloc(32),
]);
/** A PNG of noise, so it does not compress below its size. */
const png = (size = 4) =>
  encodePng(
    size,
    size,
    new Uint8Array(size * size * 4).map((_, i) => (i * 7919) % 251),
  );

describe('sniffMedia', () => {
  it('reads the type from the bytes only', () => {
    expect(sniffMedia(png())).toBe('image/png');
    expect(sniffMedia(WEBM_HEAD)).toBe('video/webm');
    expect(sniffMedia(MP4_HEAD)).toBe('video/mp4');
    // Matroska that is not WebM, SVG, text, and an empty body are refused.
    const mkv = Buffer.from(WEBM_HEAD);
    mkv.write('mkvx', 12, 'latin1');
    for (const bad of [
      mkv,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from('hello'),
      Buffer.alloc(0),
    ])
      expect(sniffMedia(bad)).toBeUndefined();
  });
});

describe('the media library', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  afterEach(() => ctx.hub.stop());

  const upload = (body: Buffer, query = '', headers: Record<string, string> = ctx.auth) =>
    fetch(`${ctx.hub.url}/api/admin/media/upload${query}`, {
      method: 'POST',
      headers,
      body: new Uint8Array(body),
    });

  it('stores an upload checked by its bytes and serves it with validators and ranges', async () => {
    ctx = await adminHub();
    const res = await upload(png(), '?name=Popcorn&id=m-popcorn');
    expect(res.status).toBe(201);
    const { record } = (await res.json()) as { record: Record<string, unknown> };
    expect(record).toMatchObject({ id: 'm-popcorn', type: 'image/png', name: 'Popcorn', source: 'local' });
    expect(record['hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(record['bytes']).toBe(png().length);
    expect(ctx.hub.store.snapshot().media).toEqual([expect.objectContaining({ id: 'm-popcorn' })]);

    const got = await fetch(`${ctx.hub.url}/media/m-popcorn`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer()).equals(png())).toBe(true);
    const etag = got.headers.get('etag')!;
    const modified = got.headers.get('last-modified')!;
    expect(etag).toMatch(/^".+"$/);
    expect(Date.parse(modified)).not.toBeNaN();
    expect(
      (await fetch(`${ctx.hub.url}/media/m-popcorn`, { headers: { 'If-None-Match': etag } })).status,
    ).toBe(304);
    expect(
      (await fetch(`${ctx.hub.url}/media/m-popcorn`, { headers: { 'If-Modified-Since': modified } })).status,
    ).toBe(304);
    const part = await fetch(`${ctx.hub.url}/media/m-popcorn`, { headers: { Range: 'bytes=1-3' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1-3/${png().length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(png().subarray(1, 4))).toBe(true);

    const clip = await upload(WEBM_HEAD, '?id=m-clip');
    expect(clip.status).toBe(201);
    expect(((await clip.json()) as { record: { type: string } }).record.type).toBe('video/webm');
  });

  it('refuses wrong types, oversized files and a full quota with clear errors, storing nothing', async () => {
    ctx = await adminHub({ media: { maxImageBytes: 150, maxVideoBytes: 400, quotaBytes: 250 } });
    const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'));
    expect(svg.status).toBe(415);
    expect(((await svg.json()) as { error: string }).error).toMatch(/SVG is not accepted/);
    const text = await upload(Buffer.from('not a picture at all'));
    expect(text.status).toBe(415);
    const big = await upload(png(6));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toMatch(/image\/png file is .* at most 0\.0 MB/);
    expect((await upload(WEBM_HEAD, '?id=v1')).status).toBe(201);
    expect((await upload(WEBM_HEAD, '?id=v2')).status).toBe(201);
    expect((await upload(WEBM_HEAD, '?id=v3')).status).toBe(201);
    const full = await upload(WEBM_HEAD, '?id=v4');
    const body = (await full.json()) as { code: string; error: string; params: Record<string, number> };
    expect(full.status).toBe(507);
    expect(body.code).toBe('insufficient_storage');
    expect(body.error).toMatch(/the media library is full: .* quota .* delete media no playlist uses first/);
    expect(body.params).toMatchObject({ limit: 250, used: 3 * WEBM_HEAD.length });
    expect(ctx.hub.store.records.media.get('v4')).toBeUndefined();
    expect(existsSync(join(ctx.hub.dataDir, 'media', 'v4'))).toBe(false);
    // Same id twice: the bytes under an id never change.
    expect((await upload(WEBM_HEAD, '?id=v1')).status).toBe(409);
  });

  it('keeps the database its room on the disk', async () => {
    ctx = await adminHub({ media: { minFreeBytes: 1_000, freeBytes: () => Promise.resolve(1_050) } });
    const low = await upload(WEBM_HEAD, '?id=v1');
    expect(low.status).toBe(507);
    expect(((await low.json()) as { error: string }).error).toMatch(
      /the file was not saved: only 0 MiB free/,
    );
    expect(ctx.hub.store.records.media.count()).toBe(0);
  });

  it('asks for sign-in and the CSRF token like every admin write', async () => {
    ctx = await adminHub();
    expect((await upload(png(), '', {})).status).toBe(401);
    const { 'X-CSRF-Token': _csrf, ...cookieOnly } = ctx.auth;
    expect((await upload(png(), '', cookieOnly)).status).toBe(403);
    expect(ctx.hub.store.records.media.count()).toBe(0);
  });
});
