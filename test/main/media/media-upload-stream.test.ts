import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { type IncomingMessage, request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminHub } from '../api/admin-support.ts';
import { WEBM_HEAD } from './fixtures.ts';

const KIB = 1024;
const CAP = 256 * KIB;

/** A chunked upload over a real socket, written piece by piece, so the test sees the hub while it streams. */
function chunkedUpload(ctx: Awaited<ReturnType<typeof adminHub>>, query: string) {
  const url = new URL(`${ctx.hub.url}/api/admin/media/upload${query}`);
  const req = request(url, { method: 'POST', headers: { ...ctx.auth, 'Transfer-Encoding': 'chunked' } });
  const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
      );
    });
    req.on('error', reject);
  });
  const write = (chunk: Buffer) =>
    new Promise<void>((resolve) => (req.write(chunk) ? resolve() : req.once('drain', resolve)));
  return { req, answer, write };
}

describe('media uploads are streamed to disk, not held in memory', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>> | undefined;
  afterEach(async () => {
    await ctx?.hub.stop();
    ctx = undefined;
  });

  const mediaDir = () => join(ctx!.hub.dataDir, 'media');
  const partFiles = () => readdirSync(mediaDir()).filter((n) => n.endsWith('.part'));

  it('writes the body to a temporary file as it comes, and stops with 413 at the cap leaving nothing', async () => {
    ctx = await adminHub({ media: { maxVideoBytes: CAP } });
    const upload = chunkedUpload(ctx, '?id=m-big&name=Big');
    await upload.write(WEBM_HEAD);
    await upload.write(Buffer.alloc(100 * KIB, 1));
    // The first 100 KiB are on disk under a temporary name while the client is still sending.
    await expect
      .poll(() => partFiles().map((n) => statSync(join(mediaDir(), n)).size)[0] ?? 0)
      .toBeGreaterThanOrEqual(100 * KIB);
    // Past the cap (bounded: at most 16 more chunks of 64 KiB), the hub answers 413 without waiting for the end.
    let answered = false;
    void upload.answer.then(() => (answered = true));
    for (let i = 0; i < 16 && !answered; i++) await upload.write(Buffer.alloc(64 * KIB, 2));
    upload.req.end();
    const { status, body } = await upload.answer;
    expect(status).toBe(413);
    expect(body).toMatchObject({ code: 'payload_too_large', params: { limit: CAP } });
    expect(body['error']).toMatch(/video\/webm file is over 0\.3 MB; at most 0\.3 MB is accepted/);
    expect(partFiles()).toEqual([]);
    expect(readdirSync(mediaDir())).toEqual([]);
    expect(ctx.hub.store.records.media.get('m-big')).toBeUndefined();
  });

  it('refuses a declared length past every cap before reading the body', async () => {
    ctx = await adminHub({ media: { maxVideoBytes: CAP, maxImageBytes: CAP } });
    const res = await fetch(`${ctx.hub.url}/api/admin/media/upload?id=m-big`, {
      method: 'POST',
      headers: ctx.auth,
      body: new Uint8Array(Buffer.concat([WEBM_HEAD, Buffer.alloc(CAP)])),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/the file is 0\.3 MB; at most 0\.3 MB/);
    expect(readdirSync(mediaDir())).toEqual([]);
  });

  it('stores a good upload under its id with its size and hash, streamed in pieces', async () => {
    ctx = await adminHub({ media: { maxVideoBytes: CAP } });
    const bytes = Buffer.concat([WEBM_HEAD, Buffer.alloc(200 * KIB, 7)]);
    const upload = chunkedUpload(ctx, '?id=m-good&name=Good');
    for (let at = 0; at < bytes.length; at += 16 * KIB) await upload.write(bytes.subarray(at, at + 16 * KIB));
    upload.req.end();
    const { status, body } = await upload.answer;
    expect(status).toBe(201);
    expect(body['record']).toMatchObject({
      id: 'm-good',
      type: 'video/webm',
      bytes: bytes.length,
      hash: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(readdirSync(mediaDir())).toEqual(['m-good']);
    expect(readFileSync(join(mediaDir(), 'm-good')).equals(bytes)).toBe(true);
  });

  it('leaves nothing behind when the client goes away mid-upload', async () => {
    ctx = await adminHub({ media: { maxVideoBytes: CAP } });
    const upload = chunkedUpload(ctx, '?id=m-cut');
    upload.answer.catch(() => undefined);
    await upload.write(WEBM_HEAD);
    await upload.write(Buffer.alloc(64 * KIB));
    await expect.poll(() => partFiles().length).toBe(1);
    upload.req.destroy();
    await expect.poll(() => partFiles().length).toBe(0);
    expect(ctx.hub.store.records.media.get('m-cut')).toBeUndefined();
  });
});
