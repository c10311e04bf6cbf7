import { describe, expect, it, vi } from 'vitest';
import { SNAPSHOT, relayHarness, seats } from './support/relay-harness.ts';
import { status, stream, until } from './support/test-upstream.ts';

describe('UpstreamRelay reconnection', () => {
  const h = relayHarness();

  it('keeps trying through 500 and 503 with growing backoff, honouring Retry-After, then recovers', async () => {
    h.fakeTime();
    h.upstream.answers.push(status(500), status(503, { 'Retry-After': '7' }), stream(SNAPSHOT));
    h.start();
    await until(() => h.relay!.stats().retries === 1, 'waiting after 500');
    expect(h.relay!.state).toBe('reconnecting');
    // No retry: yet, so the base is 1 s; jitter 0.5 → 500 ms.
    await h.expectNextAttemptAfter(500);
    await h.upstream.requestCount(2);
    // 503 asks for 7 s, more than backoff's 1 s.
    await until(() => h.relay!.stats().retries === 2, 'waiting after 503');
    await h.expectNextAttemptAfter(7_000);
    await h.upstream.requestCount(3);
    await until(() => h.relay!.state === 'live' && h.seatsOf() === 100, 'live again');
    expect(h.states()).toEqual(['connecting', 'reconnecting', 'live']);
    expect(
      h
        .messages()
        .filter((m) => m['message'] === 'upstream unavailable')
        .map((m) => m['reason']),
    ).toEqual(['HTTP 500', 'HTTP 503']);
  });

  it('stops for good on 204 No Content', async () => {
    h.fakeTime();
    h.upstream.answers.push(status(204));
    h.start();
    await h.upstream.requestCount(1);
    await until(() => h.relay!.state === 'offline', 'offline');
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(h.upstream.requests).toHaveLength(1);
    expect(h.log.lines.join('\n')).toContain('204 No Content');
  });

  it('shows 401 and 403 as offline, logs them, and retries only every five minutes', async () => {
    h.fakeTime();
    h.upstream.answers.push(status(401), status(403), stream(SNAPSHOT));
    h.start({ token: 'expired' });
    await until(() => h.relay!.state === 'offline', 'offline');
    await h.expectNextAttemptAfter(300_000);
    await h.upstream.requestCount(2);
    await until(() => h.messages().filter((m) => m['reason'] === 'HTTP 403').length === 1, 'refused again');
    await h.expectNextAttemptAfter(300_000);
    await h.upstream.requestCount(3);
    await until(() => h.relay!.state === 'live', 'live with a fixed token');
    expect(h.states()).toEqual(['connecting', 'offline', 'live']);
    const refused = h.messages().filter((m) => m['message'] === 'upstream refused our credentials');
    expect(refused.map((m) => [m['level'], m['reason']])).toEqual([
      ['error', 'HTTP 401'],
      ['error', 'HTTP 403'],
    ]);
  });

  it('takes a stream silent past the idle limit for dead; comments count as life', async () => {
    h.fakeTime();
    h.upstream.answers.push(stream(SNAPSHOT));
    h.start({ idleTimeoutMs: 45_000 });
    await until(() => h.relay!.state === 'live' && h.lastId() === '10', 'live');
    await vi.advanceTimersByTimeAsync(44_000);
    const bytes = h.relay!.stats().bytes;
    h.upstream.write(': still here\n');
    await until(() => h.relay!.stats().bytes > bytes, 'the comment');
    await vi.advanceTimersByTimeAsync(44_000);
    expect(h.relay!.state).toBe('live');
    expect(h.upstream.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await until(() => h.relay!.state === 'reconnecting', 'declared dead');
    expect(h.messages().some((m) => m['reason'] === 'no data for 45000 ms')).toBe(true);
    h.upstream.answers.push(stream(seats(90, 11)));
    await h.nextAttempt();
    expect((await h.upstream.requestCount(2)).lastEventId).toBe('10');
    await until(() => h.seatsOf() === 90, 'resumed');
  });

  it('caps a server retry: at 30 s (an hour asked for)', async () => {
    h.fakeTime();
    h.upstream.answers.push(stream('retry: 3600000\n\n' + SNAPSHOT));
    h.start();
    await until(() => h.lastId() === '10', 'the snapshot');
    h.upstream.cut();
    await until(() => h.relay!.stats().retries === 1, 'waiting');
    // Jitter 0.5 of the 30 s cap; before, half an hour.
    expect(h.relay!.stats().lastRetryDelayMs).toBe(15_000);
    await h.expectNextAttemptAfter(15_000);
  });

  it('gives up on a server that never answers, after the connect timeout', async () => {
    h.fakeTime();
    h.upstream.answers.push(() => {}); // accepts, never answers
    h.start({ connectTimeoutMs: 5_000 });
    await h.upstream.requestCount(1);
    await vi.advanceTimersByTimeAsync(5_000);
    await until(() => h.relay!.state === 'reconnecting', 'timed out');
    expect(h.messages().some((m) => m['reason'] === 'no answer in time')).toBe(true);
  });

  it('treats an answer that is not an event stream as a misconfiguration: offline, slow retry', async () => {
    h.fakeTime();
    h.upstream.answers.push(stream('<html></html>', 'text/html'));
    h.start();
    await until(() => h.relay!.state === 'offline', 'offline');
    expect(h.messages().find((m) => m['level'] === 'error')?.['reason']).toBe(
      'answer is text/html, not text/event-stream',
    );
    await vi.advanceTimersByTimeAsync(269_999); // the shortest slow retry is 270 s
    expect(h.relay!.stats().attempts).toBe(1);
  });

  it('backs off further while an h.upstream keeps ending streams without sending anything', async () => {
    h.fakeTime();
    h.upstream.fallback = ({ res }) => void res.writeHead(200, { 'Content-Type': 'text/event-stream' }).end();
    h.start();
    const delays: number[] = [];
    for (let n = 1; n <= 5; n++) {
      await h.upstream.requestCount(n);
      await until(() => h.relay!.stats().retries === n, `attempt ${n} ended`);
      delays.push(h.relay!.stats().lastRetryDelayMs!);
      await h.expectNextAttemptAfter(delays.at(-1)!);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('stops promptly while waiting to reconnect, and touches the h.store no more', async () => {
    h.fakeTime();
    h.upstream.fallback = status(500);
    h.start();
    await until(() => h.relay!.state === 'reconnecting', 'waiting');
    await h.relay!.stop();
    const attempts = h.relay!.stats().attempts;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.relay!.stats().attempts).toBe(attempts);
  });
});
