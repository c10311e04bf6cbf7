import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Clock, OFFSET_NOISE_MS } from '../../renderer/lib/clock.svelte.ts';
import { startHeartbeat } from '../../renderer/lib/heartbeat.ts';
import { displayFlags } from '../../renderer/admin/display-flags.ts';

const T0 = Date.UTC(2026, 11, 2, 18, 0, 0, 200);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('Clock (hub time)', () => {
  it('reads this screen’s clock until the hub tells its time, then the hub’s, half-way through the round trip', () => {
    const clock = new Clock();
    clock.start();
    expect([clock.now, clock.synced]).toEqual([T0, false]);
    // Asked at T0, answered 200 ms later with a hub clock 10 minutes ahead.
    clock.correct(T0 + 100 + 600_000, T0, T0 + 200);
    expect([clock.offsetMs, clock.synced]).toEqual([600_000, true]);
    expect(clock.read()).toBe(T0 + 600_000);
    // The ticking `now` follows at once and keeps turning on the hub's second boundaries.
    expect(clock.now).toBe(T0 + 600_000);
    vi.advanceTimersByTime(1_000);
    expect(clock.now % 1_000).toBe(5);
    expect(clock.now).toBe(T0 + 600_000 + 805);
    clock.correct(Number.NaN, T0, T0);
    clock.correct(T0, T0 + 5, T0);
    expect(clock.offsetMs).toBe(600_000);
    clock.stop();
  });

  it('keeps its offset through round-trip noise, so views on hub time do not move every heartbeat', () => {
    const clock = new Clock();
    clock.correct(T0 + 600_000, T0, T0);
    // The next answers put the hub a few ms either way: the same clock, measured again.
    clock.correct(T0 + 600_004, T0, T0);
    clock.correct(T0 + 599_997, T0, T0);
    clock.correct(T0 + 600_000 + OFFSET_NOISE_MS - 1, T0, T0);
    expect(clock.offsetMs).toBe(600_000);
    // A real step (the hub's clock was set) is taken at once.
    clock.correct(T0 + 600_000 + OFFSET_NOISE_MS, T0, T0);
    expect(clock.offsetMs).toBe(600_000 + OFFSET_NOISE_MS);
  });
});

describe('Clock.hear (the snapshot’s `now`)', () => {
  it('sets the clock before any heartbeat, and after one moves it only when it is more than a second off', () => {
    const clock = new Clock();
    clock.start();
    // A snapshot sent by a hub 10 minutes ahead, arriving now.
    clock.hear(T0 + 600_000);
    expect([clock.offsetMs, clock.synced, clock.now]).toEqual([600_000, true, T0 + 600_000]);
    // A heartbeat's round trip is more exact; a later snapshot's transfer time does not undo it.
    clock.correct(T0 + 100 + 600_250, T0, T0 + 200);
    clock.hear(T0 + 600_000, T0 + 300);
    expect(clock.offsetMs).toBe(600_250);
    // But a screen whose clock was set meanwhile is put right by the next snapshot.
    clock.hear(T0 + 600_000, T0 - 5_000);
    expect(clock.offsetMs).toBe(605_000);
    clock.hear(Number.NaN);
    expect(clock.offsetMs).toBe(605_000);
    clock.stop();
  });
});

describe('heartbeat and the hub’s time', () => {
  it('reports the offset once known and hands on the hub’s `now` with when it asked and heard', async () => {
    const bodies: Record<string, unknown>[] = [];
    const heard: number[][] = [];
    const known: { offset?: number } = {};
    const stop = startHeartbeat({
      display: { id: 'd1', role: 'board' },
      lastEventId: () => undefined,
      pageUrl: 'http://127.0.0.1:4747/',
      onFrame: (cb) => cb(),
      clockOffsetMs: () => known.offset,
      onHubTime: (...args) => heard.push(args),
      fetch: (_url, init) => {
        bodies.push(JSON.parse(init?.body as string) as Record<string, unknown>);
        return Promise.resolve(
          new Response(JSON.stringify({ ok: true, seq: 4, now: new Date(T0 + 30_000).toISOString() })),
        );
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(bodies[0]).not.toHaveProperty('clockOffsetMs');
    expect(heard).toEqual([[T0 + 30_000, T0, T0]]);
    known.offset = 30_000.4;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(bodies[1]).toMatchObject({ clockOffsetMs: 30_000 });
    stop();
  });

  it('ignores an answer without a usable `now` (an older hub)', async () => {
    const heard: unknown[] = [];
    const stop = startHeartbeat({
      display: { id: 'd1', role: 'board' },
      lastEventId: () => undefined,
      pageUrl: 'http://127.0.0.1:4747/',
      onFrame: (cb) => cb(),
      onHubTime: (...args) => heard.push(args),
      fetch: () => Promise.resolve(new Response(JSON.stringify({ ok: true, seq: 4 }))),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(heard).toEqual([]);
    stop();
  });
});

describe('display flags (admin Displays page)', () => {
  const known = (id: string) => id === 'aud-1';
  it.each<[Parameters<typeof displayFlags>[0], string[]]>([
    [{ role: 'board', auditoriumId: null, clockOffsetMs: null }, []],
    [{ role: 'board', auditoriumId: null, clockOffsetMs: 30_000 }, []],
    [{ role: 'board', auditoriumId: null, clockOffsetMs: 31_000 }, ["Clock 31 s behind the hub's"]],
    [{ role: 'board', auditoriumId: null, clockOffsetMs: -600_000 }, ["Clock 10 min ahead of the hub's"]],
    [{ role: 'door', auditoriumId: 'aud-1', clockOffsetMs: 0 }, []],
    [
      { role: 'door', auditoriumId: 'aud-99', clockOffsetMs: null },
      ['Door sign for "aud-99", which is not an auditorium'],
    ],
    [{ role: 'door', auditoriumId: null, clockOffsetMs: null }, ['Door sign with no auditorium set']],
  ])('%j → %j', (display, texts) => {
    expect(displayFlags(display, known).map((f) => f.text)).toEqual(texts);
  });
});
