import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectDisplay } from '../../renderer/lib/display.ts';
import { freshness } from '../../renderer/lib/freshness.ts';
import { startHeartbeat } from '../../renderer/lib/heartbeat.ts';

const MIN = 60_000;

describe('freshness', () => {
  const now = Date.UTC(2026, 10, 21, 12);
  const base = { now, staleAfterMinutes: 30, lostAt: null };
  const none = { upstream: 'none' as const, lastUpstreamEventAt: null };

  it('is live and current while the hub is reachable and its upstream is live or absent', () => {
    expect(freshness({ ...base, connection: 'live', status: none })).toEqual({
      level: 'live',
      asOf: now,
      stale: false,
    });
  });

  it('dates upstream data from the last upstream event while the relay is down', () => {
    const last = new Date(now - 31 * MIN).toISOString();
    expect(
      freshness({
        ...base,
        connection: 'live',
        status: { upstream: 'reconnecting', lastUpstreamEventAt: last },
      }),
    ).toEqual({ level: 'degraded', asOf: now - 31 * MIN, stale: true });
    expect(
      freshness({ ...base, connection: 'live', status: { upstream: 'offline', lastUpstreamEventAt: null } })
        .asOf,
    ).toBeNull();
  });

  it('dates everything from the moment the hub was lost, and goes stale after the limit', () => {
    const at = (minutesAgo: number) =>
      freshness({ ...base, connection: 'offline', lostAt: now - minutesAgo * MIN, status: none });
    expect(at(30)).toEqual({ level: 'offline', asOf: now - 30 * MIN, stale: false });
    expect(at(31).stale).toBe(true);
  });
});

describe('detectDisplay', () => {
  const loc = (pathname: string, search = '') => ({ pathname, search });
  it("trusts the kiosk's preload", () => {
    const marquee = { display: { id: 'lobby-1', role: 'door', auditoriumId: 'aud-2' } };
    expect(detectDisplay({ marquee, location: loc('/') })).toEqual(marquee.display);
  });
  it('derives the role from the URL in a plain browser, with an optional ?display= name', () => {
    expect(detectDisplay({ location: loc('/door/aud-3', '?display=door-3') })).toEqual({
      id: 'door-3',
      role: 'door',
      auditoriumId: 'aud-3',
    });
    expect(detectDisplay({ location: loc('/', '?display=main-board') })).toEqual({
      id: 'main-board',
      role: 'board',
    });
  });
  it('reads a layout, one language and hours from the query, for a browser or the kiosk', () => {
    expect(detectDisplay({ location: loc('/', '?display=b&layout=departures&hours=4&lang=fr') })).toEqual({
      id: 'b',
      role: 'board',
      layout: 'departures',
      hours: 4,
      lang: 'fr',
    });
    const marquee = { display: { id: '7', role: 'board' } };
    expect(detectDisplay({ marquee, location: loc('/', '?layout=departures') })).toEqual({
      id: '7',
      role: 'board',
      layout: 'departures',
    });
    // Nonsense falls back to the defaults.
    expect(detectDisplay({ location: loc('/', '?display=b&layout=x&hours=99&lang=') })).toEqual({
      id: 'b',
      role: 'board',
    });
  });
  it('ignores a malformed preload or URL and remembers a generated id', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    const first = detectDisplay({
      marquee: { display: { id: 'bad id\n', role: 'board' } },
      location: loc('/door/..%2F..'),
      storage,
      randomBytes: (n) => new Uint8Array(n).fill(171),
    });
    expect(first).toEqual({ id: 'browser-abababababab', role: 'board' });
    expect(detectDisplay({ location: loc('/'), storage }).id).toBe('browser-abababababab');
  });
});

describe('startHeartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('posts every 15 s with the last event id and the time of a painted frame; failures are silent', async () => {
    vi.setSystemTime(Date.UTC(2026, 10, 21, 12));
    const bodies: unknown[] = [];
    const reach: boolean[] = [];
    let fail = false;
    const stop = startHeartbeat({
      display: { id: 'd1', role: 'door', auditoriumId: 'aud-1' },
      lastEventId: () => '3f9a1c2e-42',
      pageUrl: 'http://127.0.0.1:4747/door/aud-1',
      fetch: (_url, init) => {
        bodies.push(JSON.parse(init?.body as string));
        if (fail) return Promise.reject(new TypeError('Failed to fetch'));
        return Promise.resolve(new Response(null, { status: 404 }));
      },
      onFrame: (cb) => setTimeout(cb, 16),
      onReachable: (ok) => reach.push(ok),
    });
    await vi.advanceTimersByTimeAsync(16);
    expect(bodies).toEqual([
      {
        displayId: 'd1',
        role: 'door',
        auditoriumId: 'aud-1',
        lastEventId: '3f9a1c2e-42',
        lastFrameAt: '2026-11-21T12:00:00.016Z',
        url: 'http://127.0.0.1:4747/door/aud-1',
      },
    ]);
    fail = true;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(bodies).toHaveLength(2);
    expect(reach).toEqual([true, false]);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bodies).toHaveLength(2);
  });

  it('still beats when no frame comes (a hidden window), reporting the last frame it saw', async () => {
    vi.setSystemTime(Date.UTC(2026, 10, 21, 12));
    const bodies: { lastFrameAt: string; lastEventId: number | null }[] = [];
    const stop = startHeartbeat({
      display: { id: 'd1', role: 'board' },
      lastEventId: () => undefined,
      pageUrl: 'http://127.0.0.1/',
      fetch: (_u, init) => {
        bodies.push(JSON.parse(init?.body as string));
        return Promise.resolve(new Response('{}'));
      },
      onFrame: () => {},
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(bodies).toEqual([
      expect.objectContaining({ lastEventId: null, lastFrameAt: '2026-11-21T12:00:00.000Z' }),
    ]);
    stop();
  });
});
