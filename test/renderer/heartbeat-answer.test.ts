import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HeartbeatAnswer } from '../../main/domain/pairing.ts';
import { startHeartbeat } from '../../renderer/lib/heartbeat.ts';

describe('startHeartbeat: what the hub answers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands on the pairing code and the assigned role beat by beat, and ignores answers it cannot read', async () => {
    const answers = [
      { ok: true, seq: 1, assigned: null, pairingCode: 'K7QD' },
      { ok: true, seq: 2, assigned: { name: 'Lobby left', role: 'departures' } },
      'not json',
      { ok: true, seq: 3, assigned: { name: 'Door', role: 'door' } }, // a door without its auditorium: refused
    ];
    const heard: HeartbeatAnswer[] = [];
    let i = 0;
    const stop = startHeartbeat({
      display: { id: 'd1', role: 'board' },
      lastEventId: () => undefined,
      pageUrl: 'http://127.0.0.1/',
      fetch: () => {
        const a = answers[i++];
        return Promise.resolve(new Response(typeof a === 'string' ? a : JSON.stringify(a)));
      },
      onFrame: (cb) => setTimeout(cb, 16),
      onAnswer: (a) => heard.push(a),
    });
    for (let n = 0; n < 4; n++) await vi.advanceTimersByTimeAsync(n === 0 ? 16 : 15_000);
    stop();
    expect(i).toBe(4);
    expect(heard).toEqual([
      { ok: true, seq: 1, assigned: null, pairingCode: 'K7QD' },
      { ok: true, seq: 2, assigned: { name: 'Lobby left', role: 'departures' } },
    ]);
  });
});
