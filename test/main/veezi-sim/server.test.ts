import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../main/log.ts';
import { sniffImage } from '../../../main/posters/sniff.ts';
import { parseWallTime, veeziTimeToUtc } from '../../../main/veezi/local-time.ts';
import { resolveTimeZone } from '../../../main/veezi/windows-zones.ts';
import type { VeeziSimServer } from '../../../main/veezi-sim/server.ts';
import { SimHarness, simGet, simRead } from '../../support/veezi-sim.ts';

// A Friday evening in Sydney (AEST, +10), two days before clocks go forward.
const START = Date.parse('2026-10-02T08:00:00Z');

describe('veezi-sim over HTTP', () => {
  let harness: SimHarness;
  let sim: VeeziSimServer;
  beforeEach(async () => {
    harness = new SimHarness(START);
    sim = await harness.start();
  });
  afterEach(() => harness.closeAll());

  it('is a site in a Windows-named zone with DST, with 6–10 numbered screens', async () => {
    const site = await simRead(sim, '/v1/site');
    expect(site.TimeZoneIdentifier).toBe('AUS Eastern Standard Time');
    expect(resolveTimeZone(site.TimeZoneIdentifier, site.Country)).toMatchObject({
      timeZone: 'Australia/Sydney',
    });
    const screens = await simRead(sim, '/v1/screen');
    expect(screens.length).toBeGreaterThanOrEqual(6);
    expect(screens.length).toBeLessThanOrEqual(10);
    expect(site.Screens).toEqual(screens.map((s) => s.Id));
    expect(new Set(screens.map((s) => s.ScreenNumber)).size).toBe(screens.length);
    expect(screens.some((s) => !/^\d+$/.test(s.ScreenNumber!))).toBe(true);
    for (const s of screens) expect(await simRead(sim, '/v1/screen/:id', `/v1/screen/${s.Id}`)).toEqual(s);
  });

  it('lists films with formats, audio languages and ratings, each also under its id', async () => {
    const films = await simRead(sim, '/v4/film');
    expect(new Set(films.map((f) => f.Format))).toEqual(
      new Set(['2D Digital', '3D Digital', '3D HFR', '2D Film', 'Not a Film']),
    );
    expect(films.some((f) => f.Rating === null)).toBe(true);
    expect(new Set(films.map((f) => f.AudioLanguage)).size).toBeGreaterThan(3);
    for (const f of films) expect(await simRead(sim, '/v4/film/:id', `/v4/film/${f.Id}`)).toEqual(f);
  });

  it('lists sessions over several days in venue wall time, all pointing at real films, screens and attributes', async () => {
    const sessions = await simRead(sim, '/v1/session');
    const films = new Set((await simRead(sim, '/v4/film')).map((f) => f.Id));
    const screens = new Set((await simRead(sim, '/v1/screen')).map((s) => s.Id));
    const attributes = new Set((await simRead(sim, '/v1/attribute')).map((a) => a.Id));
    expect(new Set(sessions.map((s) => s.PreShowStartTime.slice(0, 10))).size).toBe(4);
    for (const s of sessions) {
      expect(films.has(s.FilmId) && screens.has(s.ScreenId)).toBe(true);
      for (const a of s.Attributes) expect(attributes.has(a), a).toBe(true);
      for (const t of [s.PreShowStartTime, s.FeatureStartTime, s.FeatureEndTime, s.SalesCutOffTime!]) {
        expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      }
      expect(parseWallTime(s.FeatureStartTime)! >= parseWallTime(s.PreShowStartTime)!).toBe(true);
      // Listed until the feature ends, so nothing here has finished.
      expect(veeziTimeToUtc(s.FeatureEndTime, 'Australia/Sydney')).toBeGreaterThan(START);
    }
    expect(new Set(sessions.map((s) => s.Status))).toEqual(new Set(['Open', 'Planned', 'Closed']));
    expect(sessions.some((s) => s.ShowType === 'Private')).toBe(true);
    expect(sessions.some((s) => s.FilmFormat === '3D Digital')).toBe(true);
    const first = sessions[0]!;
    expect(await simRead(sim, '/v1/session/:id', `/v1/session/${first.Id}`)).toEqual(first);
  });

  it('sells online only what is open, public and sold through WWW, each with a booking link', async () => {
    const sessions = await simRead(sim, '/v1/session');
    const web = await simRead(sim, '/v1/websession');
    expect(web.length).toBeGreaterThan(20);
    const byId = new Map(sessions.map((s) => [s.Id, s]));
    for (const w of web) {
      const { Url, ...session } = w;
      expect(byId.get(w.Id)).toEqual(session);
      expect([w.Status, w.ShowType, w.SalesVia.includes('WWW')]).toEqual(['Open', 'Public', true]);
      expect(Url).toMatch(new RegExp(`^${sim.url}/purchase/${w.Id}\\?`));
    }
    const missing = sessions.filter((s) => !web.some((w) => w.Id === s.Id));
    expect(missing.some((s) => s.ShowType === 'Private')).toBe(true);
    expect(missing.some((s) => s.Status === 'Planned')).toBe(true);
    expect((await simGet(sim, new URL(web[0]!.Url!).pathname, null)).status).toBe(200);
  });

  it('has an attribute set, each also under its id', async () => {
    const attributes = await simRead(sim, '/v1/attribute');
    expect(attributes.map((a) => a.Description)).toEqual(
      expect.arrayContaining(['Subtitled', 'Kids', 'Open Caption', 'Audio Described']),
    );
    for (const a of attributes)
      expect(await simRead(sim, '/v1/attribute/:id', `/v1/attribute/${a.Id}`)).toEqual(a);
  });

  it('serves artwork at URLs without extensions, as real PNG bytes, without a token', async () => {
    const films = await simRead(sim, '/v4/film');
    const urls = films.flatMap((f) => [f.FilmPosterUrl, f.FilmPosterThumbnailUrl, f.BackdropImageUrl]);
    expect(urls.some((u) => u === null)).toBe(true);
    for (const url of urls.filter((u): u is string => typeof u === 'string').slice(0, 6)) {
      expect(new URL(url).pathname).toMatch(/^\/media\/\d{10}$/);
      const res = await fetch(url);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.status).toBe(200);
      expect(sniffImage(bytes)?.mime).toBe('image/png');
      expect(bytes.readUInt32BE(16)).toBeGreaterThan(100); // IHDR width
    }
    expect((await simGet(sim, '/media/0000000000', null)).status).toBe(404);
  });

  it('matches whole paths: a prefix or a longer path is another resource', async () => {
    expect((await simRead(sim, '/v1/filmpackage')).length).toBeGreaterThan(0);
    for (const path of [
      '/v1/film',
      '/v1/films',
      '/v4/filmpackage',
      '/v4/films',
      '/v4/film/',
      '/v4/film/ST00000101/extra',
      '/v1/sessions',
      '/v1/session/abc',
      '/v1/session/1',
      '/v1/site/1',
      '/v2/site',
      '/',
    ]) {
      const answer = await simGet(sim, path);
      expect([path, answer.status]).toEqual([path, 404]);
    }
  });

  it('refuses a missing or wrong VeeziAccessToken with an empty 403, as Veezi does', async () => {
    // (A header value's surrounding spaces are not part of it: fetch strips them.)
    for (const token of [null, '', 'wrong', 'veezi-si', 'veezi-sim2', 'VEEZI-SIM']) {
      const answer = await simGet(sim, '/v1/session', token);
      expect([token, answer.status, answer.text.length]).toEqual([token, 403, 0]);
    }
    const res = await fetch(`${sim.url}/v1/site`, { headers: { veeziaccesstoken: 'veezi-sim' } });
    expect(res.status).toBe(200);
  });

  it('answers a failure of its own as a logged 500, and keeps serving', async () => {
    const log = memoryLogger();
    const broken = await harness.start({ log });
    broken.sim.sessions = () => {
      throw new Error('boom');
    };
    const answer = await simGet(broken, '/v1/session');
    expect([answer.status, JSON.parse(answer.text)]).toEqual([500, { Message: 'An error has occurred.' }]);
    expect(log.lines.join('\n')).toMatch(/veezi-sim answer failed.*boom/);
    expect((await simGet(broken, '/v1/site')).status).toBe(200);
  });

  it('takes its token from the options', async () => {
    const other = await harness.start({ token: 's3cret' });
    expect((await simGet(other, '/v1/site')).status).toBe(403);
    expect((await simGet(other, '/v1/site', 's3cret')).status).toBe(200);
  });
});
