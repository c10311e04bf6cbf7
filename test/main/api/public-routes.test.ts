import { afterEach, describe, expect, it } from 'vitest';
import { Health } from '../../../main/domain/status.ts';
import { Snapshot } from '../../../main/domain/events.ts';
import { call } from '../../support/http.ts';
import { startTestHub } from '../../support/test-hub.ts';
import { basics } from '../store/fixtures.ts';

describe('public routes', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  afterEach(() => hub.stop());

  it('GET /api/snapshot returns the same state as the snapshot event, with seq', async () => {
    hub = await startTestHub();
    hub.store.apply(basics());
    const before = Date.now();
    const res = await call(`${hub.url}/api/snapshot`);
    expect(res.status).toBe(200);
    const snap = Snapshot.parse(res.body);
    expect(snap.seq).toBe(3);
    expect(snap).toEqual({
      ...hub.store.snapshot(),
      status: { upstream: 'none', lastUpstreamEventAt: null },
      now: expect.any(String),
    });
    // The hub's clock as it answered: screens correct theirs by it.
    expect(Date.parse(snap.now!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(snap.now!)).toBeLessThanOrEqual(Date.now());
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('GET /api/health reports hub, database, seq, clients and upstream', async () => {
    hub = await startTestHub();
    hub.store.apply(basics());
    const res = await call(`${hub.url}/api/health`);
    expect(res.status).toBe(200);
    expect(Health.parse(res.body)).toMatchObject({
      status: 'ok',
      database: 'ok',
      seq: 3,
      clients: 0,
      upstream: 'none',
      lastUpstreamEventAt: null,
    });
  });

  it('reports relay state changes in health and as status events', async () => {
    hub = await startTestHub();
    const at = '2026-11-21T10:00:00.000Z';
    hub.setStatus({ upstream: 'live', lastUpstreamEventAt: at });
    expect(hub.store.eventsAfter(0)?.map((e) => [e.type, JSON.parse(e.json)])).toEqual([
      ['status', { upstream: 'live', lastUpstreamEventAt: at }],
    ]);
    // A newer event time alone is no state change: health shows it, no event is logged.
    hub.setStatus({ upstream: 'live', lastUpstreamEventAt: '2026-11-21T10:00:05.000Z' });
    expect(hub.store.seq).toBe(1);
    const res = await call(`${hub.url}/api/health`);
    expect(res.body).toMatchObject({ upstream: 'live', lastUpstreamEventAt: '2026-11-21T10:00:05.000Z' });
  });

  it('answers unknown routes and bad URLs with JSON errors', async () => {
    hub = await startTestHub();
    const res = await call(`${hub.url}/nope`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'no such route', code: 'no_such_route', params: {} });
  });

  it('serves the board with a CSP and refuses path tricks for posters', async () => {
    hub = await startTestHub({ demo: true });
    const page = await fetch(`${hub.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    // The admin's playlist preview frames the board; nothing else may (security-headers.test.ts).
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    const poster = await fetch(`${hub.url}/posters/film-tidewater.svg`);
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toBe('image/svg+xml');
    expect(poster.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const path of ['/posters/..%2Fmarquee.db', '/posters/%2e%2e%2fmarquee.db', '/posters/marquee.db']) {
      expect((await fetch(`${hub.url}${path}`)).status).toBe(404);
    }
  });
});
