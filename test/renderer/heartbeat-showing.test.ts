import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HeartbeatBody } from '../../main/domain/displays.ts';
import { startHeartbeat } from '../../renderer/lib/heartbeat.ts';
import { NowShowing } from '../../renderer/lib/now-showing.ts';

describe('startHeartbeat: what the screen shows', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.parse('2030-11-15T14:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('reports the page and how long it has been on, and beats early (never within 5 s) when it changes', async () => {
    const showing = new NowShowing();
    const sent: { at: number; body: unknown }[] = [];
    const stop = startHeartbeat({
      display: { id: 'd1', role: 'board' },
      lastEventId: () => undefined,
      pageUrl: 'http://127.0.0.1/',
      showing,
      fetch: (_url, init) => {
        sent.push({ at: Date.now(), body: JSON.parse(init?.body as string) as unknown });
        return Promise.resolve(new Response('{}'));
      },
      onFrame: (cb) => setTimeout(cb, 16),
    });
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(16);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).not.toHaveProperty('showing');

    // A page comes on 1 s after the first beat: the early beat waits out the 5 s gap.
    await vi.advanceTimersByTimeAsync(1_000);
    showing.show({ kind: 'spotlight', id: 'f-orbit', since: Date.now() });
    await vi.advanceTimersByTimeAsync(3_900);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toHaveLength(2);
    const body = HeartbeatBody.parse(sent[1]!.body);
    expect(body.showing).toEqual({ kind: 'spotlight', id: 'f-orbit', forMs: 4_000 });

    // The same page again (its next pass) is no change: no early beat; the regular one carries on counting.
    showing.show({ kind: 'spotlight', id: 'f-orbit', since: Date.now() });
    await vi.advanceTimersByTimeAsync(14_000);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(sent).toHaveLength(3);
    expect(HeartbeatBody.parse(sent[2]!.body).showing?.forMs).toBe(sent[2]!.at - start - 1_016);
    stop();
  });
});
