import { type Server, createServer } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MediaLibraryAnswer } from '../../../main/domain/lobby-requests.ts';
import { Health } from '../../../main/domain/status.ts';
import { mediaRetryDelay } from '../../../main/media/media-fetches.ts';
import { encodePng } from '../../../main/png.ts';
import { adminHub } from '../api/admin-support.ts';

const PNG = encodePng(2, 2, new Uint8Array(16).fill(200));

describe('mediaRetryDelay', () => {
  it.each([
    // failures, random, delay: the ceiling doubles from 10 s, capped at 15 min; the delay is in its upper half.
    [1, 0, 5_000],
    [1, 0.999, 9_995],
    [2, 0, 10_000],
    [3, 0.5, 30_000],
    [7, 0, 320_000],
    [8, 0.5, 675_000],
    [9, 0, 450_000],
    [40, 0.999, 899_550],
  ])('after %i failures with random %f waits %i ms', (failures, random, delay) => {
    expect(mediaRetryDelay(failures, random)).toBe(delay);
  });
});

describe('feed-named media that could not be fetched', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>> | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await ctx?.hub.stop();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    ctx = server = undefined;
  });

  /** A real server on port 0 that answers 503 to the first `failures` requests, then the picture. */
  async function flakyServer(failures: number): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    server = createServer((_req, res) => {
      hits++;
      if (hits <= failures) {
        res.writeHead(503).end('busy');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}/promo.png`, hits: () => hits };
  }

  const library = async () =>
    MediaLibraryAnswer.parse((await ctx!.api('GET', '/api/admin/media')).body).media.find(
      (m) => m.record.id === 'm-promo',
    )!;
  const health = async () => Health.parse(await (await fetch(`${ctx!.hub.url}/api/health`)).json());

  it('is tried again with backoff, shown as failed with its reason until it is in', async () => {
    const flaky = await flakyServer(2);
    // The loopback server is allowed on purpose, as an operator would allow a private host.
    ctx = await adminHub({
      posters: { allowHosts: ['127.0.0.1'] },
      media: { retry: { random: () => 0.5 } },
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const link = await ctx.api('POST', '/api/admin/media', {
      id: 'm-promo',
      type: 'image/png',
      name: 'Promo',
      sourceUrl: flaky.url,
    });
    expect(link.status).toBe(201);

    await expect.poll(() => library().then((m) => m.fetch?.state)).toBe('failed');
    const first = await library();
    expect(first.stored).toBeNull();
    expect(first.fetch).toMatchObject({ state: 'failed', attempts: 1, reason: 'HTTP 503' });
    // The first retry is 7.5 s away (10 s ceiling, random 0.5 → its upper half's middle).
    expect(Date.parse(first.fetch!.retryAt!) - Date.now()).toBeGreaterThan(7_000);
    expect(Date.parse(first.fetch!.retryAt!) - Date.now()).toBeLessThanOrEqual(7_500);
    expect((await health()).media).toEqual({ pending: 0, failed: 1 });

    // Nothing before its time.
    await vi.advanceTimersByTimeAsync(7_000);
    expect(flaky.hits()).toBe(1);
    await vi.advanceTimersByTimeAsync(600);
    await expect.poll(() => library().then((m) => m.fetch?.attempts)).toBe(2);
    expect(flaky.hits()).toBe(2);
    // The second waits longer: 15 s (20 s ceiling).
    const second = await library();
    expect(Date.parse(second.fetch!.retryAt!) - Date.now()).toBeGreaterThan(14_000);

    await vi.advanceTimersByTimeAsync(15_100);
    await expect.poll(() => library().then((m) => m.stored)).toBe(PNG.length);
    expect((await library()).fetch).toBeUndefined();
    expect(flaky.hits()).toBe(3);
    expect((await health()).media).toEqual({ pending: 0, failed: 0 });
    const served = await fetch(`${ctx.hub.url}/media/m-promo`);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('keeps the poster protections: an internal address is refused, retried, and never reached', async () => {
    const flaky = await flakyServer(0);
    ctx = await adminHub({ media: { retry: { random: () => 0 } } });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await ctx.api('POST', '/api/admin/media', { id: 'm-promo', type: 'image/png', sourceUrl: flaky.url });
    await expect.poll(() => library().then((m) => m.fetch?.state)).toBe('failed');
    expect((await library()).fetch?.reason).toMatch(/^refused 127\.0\.0\.1/);
    await vi.advanceTimersByTimeAsync(5_100);
    await expect.poll(() => library().then((m) => m.fetch?.attempts)).toBe(2);
    expect(flaky.hits()).toBe(0);
    // Deleting the record ends the retries.
    const version = (await library()).record.version ?? 0;
    expect((await ctx.api('DELETE', `/api/admin/media/m-promo?version=${version}`)).status).toBe(200);
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await health()).media).toEqual({ pending: 0, failed: 0 });
  });
});
