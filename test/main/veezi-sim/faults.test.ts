import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VEEZI_ANSWERS } from '../../../main/veezi/api-schemas.ts';
import { FAULT_KINDS, type FaultKind } from '../../../main/veezi-sim/faults.ts';
import type { VeeziSimServer } from '../../../main/veezi-sim/server.ts';
import { SimHarness, simGet, simRead } from '../../support/veezi-sim.ts';

const START = Date.parse('2026-10-02T08:00:00Z');

/** A raw GET, so a body cut off mid-way is seen as such rather than hidden by a client. */
function rawGet(sim: VeeziSimServer, path: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string; aborted: boolean }>(
    (resolve, reject) => {
      const req = request(`${sim.url}${path}`, { headers: { VeeziAccessToken: 'veezi-sim' } }, (res) => {
        const chunks: Buffer[] = [];
        let aborted = false;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('aborted', () => (aborted = true));
        res.on('error', () => (aborted = true));
        res.on('close', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            aborted: aborted || !res.complete,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('veezi-sim faults', () => {
  let harness: SimHarness;
  beforeEach(() => {
    harness = new SimHarness(START);
  });
  afterEach(() => harness.closeAll());

  const withFault = (kind: FaultKind, extra = {}) =>
    harness.start({ faults: { kinds: [kind], retryAfterSeconds: 7, ...extra } });

  it('401: a JSON refusal', async () => {
    const answer = await simGet(await withFault('401'), '/v1/session');
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual({ Message: expect.stringMatching(/denied/) });
  });

  it('403: Veezi’s own refusal, an empty body', async () => {
    const answer = await simGet(await withFault('403'), '/v1/session');
    expect([answer.status, answer.text]).toEqual([403, '']);
  });

  it('403-html: a CDN’s web page, not JSON', async () => {
    const answer = await simGet(await withFault('403-html'), '/v1/session');
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.text).toMatch(/^<!DOCTYPE html>/);
    expect(() => JSON.parse(answer.text) as unknown).toThrow();
  });

  it('429: Retry-After as configured', async () => {
    const answer = await simGet(await withFault('429'), '/v4/film');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
  });

  it('500: ASP.NET’s generic error', async () => {
    const answer = await simGet(await withFault('500'), '/v1/site');
    expect([answer.status, JSON.parse(answer.text)]).toEqual([500, { Message: 'An error has occurred.' }]);
  });

  it('slow: the right answer, only once the delay has passed', async () => {
    const waits: number[] = [];
    let release = () => {};
    const sim = await harness.start({
      faults: { kinds: ['slow'], slowMs: 4_321 },
      delay: (ms) => {
        waits.push(ms);
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    let answered = false;
    const pending = simGet(sim, '/v1/session').then((a) => ((answered = true), a));
    await expect.poll(() => waits).toEqual([4_321]);
    expect(answered).toBe(false);
    release();
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(VEEZI_ANSWERS['/v1/session'].safeParse(JSON.parse(answer.text)).success).toBe(true);
  });

  it('truncate: a 200 whose JSON stops halfway, its length telling the truth', async () => {
    const answer = await rawGet(await withFault('truncate'), '/v1/session');
    expect(answer.status).toBe(200);
    expect(answer.aborted).toBe(false);
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
    expect(() => JSON.parse(answer.body) as unknown).toThrow();
  });

  it('drop: a 200 that promises the whole body and hangs up halfway', async () => {
    const sim = await withFault('drop');
    const answer = await rawGet(sim, '/v1/session');
    expect(answer.status).toBe(200);
    expect(answer.aborted).toBe(true);
    expect(Buffer.byteLength(answer.body)).toBeLessThan(Number(answer.headers['content-length']));
    await expect(
      fetch(`${sim.url}/v1/session`, { headers: { VeeziAccessToken: 'veezi-sim' } }).then((r) => r.text()),
    ).rejects.toThrow();
  });

  it('every kind named in the CLI is tested above', () => {
    expect([...FAULT_KINDS]).toEqual(['401', '403', '403-html', '429', '500', 'slow', 'truncate', 'drop']);
  });

  it('hits the API only, not the media CDN, unless told the path', async () => {
    const sim = await withFault('500');
    // The film list fails, so take a media path from the simulator's own answer shape.
    expect((await simGet(sim, '/v4/film')).status).toBe(500);
    sim.faults.set(undefined);
    const poster = (await simRead(sim, '/v4/film'))[0]!.FilmPosterUrl!;
    sim.faults.set({ kinds: ['500'] });
    expect((await fetch(poster)).status).toBe(200);
    sim.faults.set({ kinds: ['500'], paths: ['/media/:id'] });
    expect((await fetch(poster)).status).toBe(500);
    expect((await simGet(sim, '/v4/film')).status).toBe(200);
  });

  it('hits only the routes named', async () => {
    const sim = await harness.start({ faults: { kinds: ['500'], paths: ['/v1/session'] } });
    expect((await simGet(sim, '/v1/session')).status).toBe(500);
    expect((await simGet(sim, '/v1/websession')).status).toBe(200);
    expect((await simGet(sim, '/v1/site')).status).toBe(200);
  });

  it('hits a seeded share of requests, the same ones for the same seed', async () => {
    const statuses = async (seed: number) => {
      const sim = await harness.start({ seed, faults: { kinds: ['500', '429'], rate: 0.3 } });
      const out: number[] = [];
      for (let i = 0; i < 60; i++) out.push((await simGet(sim, '/v1/site')).status);
      return out;
    };
    const a = await statuses(5);
    expect(await statuses(5)).toEqual(a);
    expect(await statuses(6)).not.toEqual(a);
    const failed = a.filter((s) => s !== 200).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
    expect(new Set(a)).toEqual(new Set([200, 429, 500]));
  });

  it('turns on and off through the control route', async () => {
    const sim = await harness.start();
    const set = (body: unknown, token = 'veezi-sim') =>
      fetch(`${sim.url}/_sim/faults`, {
        method: 'POST',
        headers: { VeeziAccessToken: token },
        body: JSON.stringify(body),
      });
    expect((await set({ kinds: ['429'], retryAfterSeconds: 2 })).status).toBe(204);
    const limited = await simGet(sim, '/v1/session');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '2']);
    // The control route itself is never faulted, so faults can always be turned off.
    expect((await set({ kinds: [] })).status).toBe(204);
    expect((await simGet(sim, '/v1/session')).status).toBe(200);
    expect((await set({ kinds: ['teapot'] })).status).toBe(400);
    expect((await set({ kinds: ['500'] }, 'nope')).status).toBe(403);
    expect((await simGet(sim, '/v1/session')).status).toBe(200);
  });
});
