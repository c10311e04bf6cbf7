import { describe, expect, it, vi } from 'vitest';
import { UPSTREAM_URL_KEY, UpstreamRelay } from '../../../main/relay/relay.ts';
import { SNAPSHOT, relayHarness, seats } from './support/relay-harness.ts';
import { status, stream, until } from './support/test-upstream.ts';

/**
 * Issue 12 item 3: a bad upstream id never stops the relay. The id stored
 * goes back as the Last-Event-ID header on every reconnect and restart.
 */
describe('UpstreamRelay and upstream ids that cannot go back as a header', () => {
  const h = relayHarness();
  const longest = () => Math.max(...h.log.lines.map((l) => l.length));

  /**
   * Sends the snapshot (id 10) and two sales with `ids`, cuts the link, and
   * checks that both sales were applied under id 10 and that the relay
   * resumes from it.
   */
  const applyUnderTenAndResume = async (ids: [string, string]) => {
    h.fakeTime();
    h.upstream.answers.push(stream(SNAPSHOT + seats(99, ids[0]) + seats(98, ids[1])));
    h.start();
    await until(() => h.seatsOf() === 98, 'both events');
    // Applied, but under the last id that can travel: the snapshot's.
    expect(h.lastId()).toBe('10');
    h.upstream.cut();
    await until(() => h.relay!.state === 'reconnecting', 'reconnecting');
    h.upstream.answers.push(stream(seats(97, 11)));
    await h.nextAttempt();
    expect((await h.upstream.requestCount(2)).lastEventId).toBe('10');
    await until(() => h.lastId() === '11', 'resumed');
  };

  it('ignores an id with a control character, keeps the previous one, and resumes from it', async () => {
    await applyUnderTenAndResume(['evil\u0001id', 'tab\there']);
    const refused = h.messages().filter((m) => String(m['message']).startsWith('upstream event id ignored'));
    // Once, however many come, and shown escaped.
    expect(refused.map((m) => [m['id'], m['reason']])).toEqual([
      ['evil\\x01id', 'contains a control character'],
    ]);
  });

  it('ignores a 64 KiB id, and never writes it into the log', async () => {
    const huge = 'x'.repeat(64 * 1024);
    await applyUnderTenAndResume([huge, `${huge}2`]);
    expect(h.log.lines.join('\n')).toContain('longer than 1024 bytes (65536)');
    expect(longest()).toBeLessThan(1_000);
  });

  it('takes an id of exactly 1 KiB, and non-ASCII ids', async () => {
    const kib = `${'é'.repeat(511)}ab`; // 1,024 bytes of UTF-8
    h.upstream.fallback = stream(SNAPSHOT + seats(99, kib));
    h.start();
    await until(() => h.lastId() === kib, 'the id');
  });

  it('drops a bad id already in the database (an older Marquee stored it) and starts from a snapshot', async () => {
    h.store.apply([], { upstreamId: 'stale\u0007id', meta: { [UPSTREAM_URL_KEY]: h.upstream.url } });
    h.upstream.fallback = stream(SNAPSHOT + seats(99, 11));
    h.start();
    const first = await h.upstream.requestCount(1);
    expect(first.lastEventId).toBeUndefined();
    await until(() => h.lastId() === '11', 'the snapshot and an event');
    expect(h.relay!.state).toBe('live');
    expect(h.relay!.health()).toEqual({ running: true });
    expect(h.log.lines.join('\n')).toContain('stale\\\\x07id');
  });

  it('asks again without the stored id, soon, when the upstream refuses it (431), and goes live from a snapshot', async () => {
    h.fakeTime();
    h.store.apply([], { upstreamId: '12', meta: { [UPSTREAM_URL_KEY]: h.upstream.url } });
    h.upstream.fallback = (req) => (req.lastEventId === undefined ? stream(SNAPSHOT)(req) : status(431)(req));
    h.start();
    expect((await h.upstream.requestCount(1)).lastEventId).toBe('12');
    await until(() => h.relay!.stats().retries === 1, 'refused');
    expect(h.lastId()).toBe('');
    // Soon, as after any passing trouble (no retry: yet: 1 s ceiling, jitter 0.5), not in 5 minutes.
    await h.expectNextAttemptAfter(500);
    expect((await h.upstream.requestCount(2)).lastEventId).toBeUndefined();
    await until(() => h.relay!.state === 'live' && h.lastId() === '10', 'live from the snapshot');
    expect(h.messages().find((m) => m['reason'] === 'HTTP 431')?.['message']).toBe(
      'upstream refused our Last-Event-ID; asking for a snapshot instead',
    );
  });

  it('never stops on an unexpected error: it reports it, waits, and tries again', async () => {
    h.fakeTime();
    h.upstream.fallback = stream(SNAPSHOT);
    const relay = new UpstreamRelay(
      { url: h.upstream.url },
      { store: h.store, log: h.log, onStatus: () => {}, random: () => 0.5 },
    );
    h.relay = relay;
    // The first read of the attempt fails, as a database going bad under the relay would.
    const meta = vi.spyOn(h.store.meta, 'get').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    relay.start();
    await until(() => relay.stats().retries === 1, 'a wait after the error');
    expect(relay.health().running).toBe(true);
    expect(relay.state).toBe('reconnecting');
    expect(h.messages().find((m) => m['level'] === 'error')).toMatchObject({
      message: 'upstream relay hit an unexpected error; reconnecting',
      reason: 'unexpected: Error: disk I/O error',
    });
    meta.mockRestore();
    await h.nextAttempt();
    await until(() => h.relay!.state === 'live' && h.lastId() === '10', 'live after all');
  });

  it('reports itself not running after a 204, with the reason', async () => {
    h.upstream.answers.push(status(204));
    h.start();
    await until(() => h.relay!.state === 'offline', 'offline');
    expect(h.relay!.health()).toEqual({
      running: false,
      problem: 'upstream answered 204 No Content: it asks us to stop; not reconnecting until restart',
    });
  });
});
