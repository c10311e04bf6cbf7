import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Status } from '../../../main/domain/status.ts';
import { memoryLogger } from '../../../main/log.ts';
import { type UpstreamOptions, UpstreamRelay } from '../../../main/relay/relay.ts';
import { Store, UPSTREAM_ID_KEY } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { TestUpstream, frame, status, stream, until } from './support/test-upstream.ts';

const WORLD = {
  seq: 10,
  venue: { id: 'central', name: 'Central', timezone: 'Europe/London', locales: ['en'] },
  auditoriums: [{ id: 'ua1', name: 'Screen 1', capacity: 100 }],
  films: [{ id: 'uf1', title: 'Tidewater', runtimeMinutes: 120, tags: [] }],
  showtimes: [
    {
      id: 'us1',
      filmId: 'uf1',
      auditoriumId: 'ua1',
      startsAt: '2030-01-01T19:00:00Z',
      tags: [],
      capacity: 100,
      seatsAvailable: 100,
      status: 'scheduled',
    },
  ],
  announcements: [],
};
const SNAPSHOT = frame('snapshot', WORLD, 10);
const seats = (n: number, id: number | string) =>
  frame('availability', { showtimeId: 'us1', seatsAvailable: n }, id);

describe('UpstreamRelay against a scripted upstream', () => {
  let upstream: TestUpstream;
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let log: ReturnType<typeof memoryLogger>;
  let statuses: Status[];
  let relay: UpstreamRelay | undefined;

  beforeEach(async () => {
    upstream = await TestUpstream.start();
    dir = tempDir();
    store = Store.open({ file: join(dir.path, 'marquee.db') });
    log = memoryLogger();
    statuses = [];
  });
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    vi.useRealTimers();
    store.close();
    dir.remove();
    await upstream.close();
  });

  /** Starts a relay with a fixed jitter of 0.5, so every delay is exactly half its ceiling. */
  const start = (options: Partial<UpstreamOptions> = {}) => {
    relay = new UpstreamRelay(
      { url: upstream.url, ...options },
      { store, log, onStatus: (s) => statuses.push(s), random: () => 0.5 },
    );
    relay.start();
    return relay;
  };
  const fakeTime = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  /**
   * Moves fake time on exactly to the next attempt, which the relay counts the
   * moment its timer fires; the request itself then travels in real time.
   * Returns the delay it waited.
   */
  const nextAttempt = async (maxMs = 600_000) => {
    const n = relay!.stats().attempts;
    let waited = 0;
    while (relay!.stats().attempts === n) {
      if (waited >= maxMs) throw new Error(`no attempt within ${maxMs} ms`);
      await vi.advanceTimersByTimeAsync(1);
      waited++;
    }
    return waited;
  };
  /** Asserts the relay waits exactly `ms` before its next attempt. */
  const expectNextAttemptAfter = async (ms: number) => {
    const n = relay!.stats().attempts;
    await vi.advanceTimersByTimeAsync(ms - 1);
    expect(relay!.stats().attempts).toBe(n);
    await vi.advanceTimersByTimeAsync(1);
    expect(relay!.stats().attempts).toBe(n + 1);
  };
  const seatsOf = (id = 'us1') => store.records.showtimes.get(id)?.seatsAvailable;
  const lastId = () => store.meta.get(UPSTREAM_ID_KEY);
  const states = () => statuses.map((s) => s.upstream).filter((s, i, all) => s !== all[i - 1]);
  const messages = () => log.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  /** Seat counts of us1 in the hub's event log, in order: a repeat or a gap would show here. */
  const seatHistory = () =>
    (store.eventsAfter(0) ?? [])
      .filter((e) => e.type === 'availability')
      .map((e) => (JSON.parse(e.json) as { seatsAvailable: number }).seatsAvailable);

  it('asks for an event stream with its credentials, applies the snapshot and live events, and goes live', async () => {
    upstream.fallback = stream('retry: 3000\n\n' + SNAPSHOT + seats(99, 11));
    start({ token: 's3cret', headers: { 'X-Api-Key': 'k1' } });
    const req = await upstream.requestCount(1);
    expect(req.headers['accept']).toBe('text/event-stream');
    expect(req.headers['cache-control']).toBe('no-cache');
    expect(req.headers['authorization']).toBe('Bearer s3cret');
    expect(req.headers['x-api-key']).toBe('k1');
    expect(req.lastEventId).toBeUndefined();
    await until(() => seatsOf() === 99, 'the live event');
    upstream.write(seats(98, 12) + seats(97, 13));
    await until(() => lastId() === '13', 'two more events');
    expect(seatsOf()).toBe(97);
    expect(states()).toEqual(['connecting', 'live']);
    expect(relay!.status().lastUpstreamEventAt).not.toBeNull();
    expect(store.records.films.get('uf1')?.source).toBe('upstream');
    expect(seatHistory()).toEqual([99, 98, 97]);
  });

  it('resumes with Last-Event-ID after a cut, after a restart, and starts afresh for another URL', async () => {
    fakeTime();
    upstream.answers.push(stream(SNAPSHOT + seats(99, 11) + seats(98, 12)));
    start();
    await until(() => lastId() === '12', 'first events');
    upstream.cut();
    await until(() => relay!.state === 'reconnecting', 'reconnecting');
    upstream.answers.push(stream(seats(97, 13)));
    await nextAttempt();
    const second = await upstream.requestCount(2);
    expect(second.lastEventId).toBe('12');
    await until(() => lastId() === '13', 'the resumed event');

    await relay!.stop();
    statuses = [];
    upstream.answers.push(stream(seats(96, 14)));
    start();
    expect((await upstream.requestCount(3)).lastEventId).toBe('13');
    await until(() => seatsOf() === 96, 'event after restart');
    expect(states()).toEqual(['connecting', 'live']);
    await relay!.stop();

    // The stored id belongs to this URL; another feed starts with a snapshot.
    upstream.answers.push(stream(SNAPSHOT));
    start({ url: `${upstream.origin}/other-feed` });
    const other = await upstream.requestCount(4);
    expect(other.path).toBe('/other-feed');
    expect(other.lastEventId).toBeUndefined();
    expect(seatHistory()).toEqual([99, 98, 97, 96]);
  });

  it('remembers across a restart when the last upstream event came', async () => {
    upstream.fallback = stream(SNAPSHOT);
    start();
    await until(() => lastId() === '10', 'the snapshot');
    const at = relay!.status().lastUpstreamEventAt;
    expect(Date.parse(at!)).toBeGreaterThan(Date.now() - 60_000);
    await relay!.stop();
    upstream.fallback = status(503);
    statuses = [];
    start();
    // Known from the database at once, before any event: screens can tell how old their data is.
    expect(statuses[0]).toEqual({ upstream: 'connecting', lastUpstreamEventAt: at });
  });

  it('loses nothing and applies nothing twice when the connection is cut inside an event', async () => {
    fakeTime();
    upstream.answers.push(
      stream(SNAPSHOT + seats(99, 11) + 'id: 12\nevent: availability\ndata: {"showtimeId":"us1","seat'),
    );
    start();
    await until(() => lastId() === '11', 'the complete event');
    upstream.cut();
    await until(() => relay!.state === 'reconnecting', 'reconnecting');
    // The upstream resends from what we confirmed; the half event never counted.
    upstream.answers.push(stream(seats(98, 12) + seats(97, 13)));
    await nextAttempt();
    expect((await upstream.requestCount(2)).lastEventId).toBe('11');
    await until(() => lastId() === '13', 'resent events');
    expect(seatHistory()).toEqual([99, 98, 97]);
  });

  it('keeps trying through 500 and 503 with growing backoff, honouring Retry-After, then recovers', async () => {
    fakeTime();
    upstream.answers.push(status(500), status(503, { 'Retry-After': '7' }), stream(SNAPSHOT));
    start();
    await until(() => relay!.stats().retries === 1, 'waiting after 500');
    expect(relay!.state).toBe('reconnecting');
    // No retry: yet, so the base is 1 s; jitter 0.5 → 500 ms.
    await expectNextAttemptAfter(500);
    await upstream.requestCount(2);
    // 503 asks for 7 s, more than backoff's 1 s.
    await until(() => relay!.stats().retries === 2, 'waiting after 503');
    await expectNextAttemptAfter(7_000);
    await upstream.requestCount(3);
    await until(() => relay!.state === 'live' && seatsOf() === 100, 'live again');
    expect(states()).toEqual(['connecting', 'reconnecting', 'live']);
    expect(
      messages()
        .filter((m) => m['message'] === 'upstream unavailable')
        .map((m) => m['reason']),
    ).toEqual(['HTTP 500', 'HTTP 503']);
  });

  it('stops for good on 204 No Content', async () => {
    fakeTime();
    upstream.answers.push(status(204));
    start();
    await upstream.requestCount(1);
    await until(() => relay!.state === 'offline', 'offline');
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(upstream.requests).toHaveLength(1);
    expect(log.lines.join('\n')).toContain('204 No Content');
  });

  it('shows 401 and 403 as offline, logs them, and retries only every five minutes', async () => {
    fakeTime();
    upstream.answers.push(status(401), status(403), stream(SNAPSHOT));
    start({ token: 'expired' });
    await until(() => relay!.state === 'offline', 'offline');
    await expectNextAttemptAfter(300_000);
    await upstream.requestCount(2);
    await until(() => messages().filter((m) => m['reason'] === 'HTTP 403').length === 1, 'refused again');
    await expectNextAttemptAfter(300_000);
    await upstream.requestCount(3);
    await until(() => relay!.state === 'live', 'live with a fixed token');
    expect(states()).toEqual(['connecting', 'offline', 'live']);
    const refused = messages().filter((m) => m['message'] === 'upstream refused our credentials');
    expect(refused.map((m) => [m['level'], m['reason']])).toEqual([
      ['error', 'HTTP 401'],
      ['error', 'HTTP 403'],
    ]);
  });

  it('takes a stream silent past the idle limit for dead; comments count as life', async () => {
    fakeTime();
    upstream.answers.push(stream(SNAPSHOT));
    start({ idleTimeoutMs: 45_000 });
    await until(() => relay!.state === 'live' && lastId() === '10', 'live');
    await vi.advanceTimersByTimeAsync(44_000);
    const bytes = relay!.stats().bytes;
    upstream.write(': still here\n');
    await until(() => relay!.stats().bytes > bytes, 'the comment');
    await vi.advanceTimersByTimeAsync(44_000);
    expect(relay!.state).toBe('live');
    expect(upstream.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await until(() => relay!.state === 'reconnecting', 'declared dead');
    expect(messages().some((m) => m['reason'] === 'no data for 45000 ms')).toBe(true);
    upstream.answers.push(stream(seats(90, 11)));
    await nextAttempt();
    expect((await upstream.requestCount(2)).lastEventId).toBe('10');
    await until(() => seatsOf() === 90, 'resumed');
  });

  it('gives up on a server that never answers, after the connect timeout', async () => {
    fakeTime();
    upstream.answers.push(() => {}); // accepts, never answers
    start({ connectTimeoutMs: 5_000 });
    await upstream.requestCount(1);
    await vi.advanceTimersByTimeAsync(5_000);
    await until(() => relay!.state === 'reconnecting', 'timed out');
    expect(messages().some((m) => m['reason'] === 'no answer in time')).toBe(true);
  });

  it('logs and skips malformed events with their ids, and goes on', async () => {
    upstream.fallback = stream(
      SNAPSHOT +
        frame('availability', '{"showtimeId":', 11) +
        frame('availability', { showtimeId: 'us1', seatsAvailable: 'many' }, 12) +
        frame('showtime.upsert', { ...WORLD.showtimes[0], id: 'us2', filmId: 'ghost' }, 13) +
        frame('status', { upstream: 'offline', lastUpstreamEventAt: null }, 14) +
        seats(42, 15),
    );
    start();
    await until(() => lastId() === '15', 'all events');
    expect(seatsOf()).toBe(42);
    const warned = messages().filter((m) => m['level'] === 'warn' && m['id'] !== undefined);
    expect(warned.map((m) => m['id'])).toEqual(['11', '12', '13']);
    expect(relay!.state).toBe('live');
    expect(relay!.stats()).toMatchObject({ skipped: 3, ignored: 1, connections: 1 });
  });

  it('cuts off an event that grows past the size bound and reconnects from the last good id', async () => {
    fakeTime();
    upstream.answers.push(
      stream(SNAPSHOT + seats(99, 11) + 'id: 12\nevent: film.upsert\ndata: ' + 'x'.repeat(5_000)),
    );
    start({ maxEventBytes: 4_096 });
    await until(() => relay!.state === 'reconnecting', 'cut off');
    expect(lastId()).toBe('11');
    expect(messages().find((m) => m['level'] === 'error')?.['reason']).toBe(
      'an event grew past 4096 bytes without ending',
    );
    upstream.answers.push(stream(seats(98, 12)));
    await nextAttempt();
    expect((await upstream.requestCount(2)).lastEventId).toBe('11');
    await until(() => seatsOf() === 98, 'resumed');
  });

  it('reads UTF-8 whatever the charset says, with a BOM, CRLF and bytes split anywhere', async () => {
    upstream.fallback = ({ res }) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=iso-8859-1' });
      const world = { ...WORLD, films: [{ ...WORLD.films[0], title: '潮汐之城 — Tidewater' }] };
      const bytes = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(frame('snapshot', world, 10).replaceAll('\n', '\r\n')),
      ]);
      // One byte at a time: every multi-byte character and every CRLF is split.
      let i = 0;
      const drip = () => {
        if (i < bytes.length) res.write(bytes.subarray(i, ++i), drip);
      };
      drip();
    };
    start();
    await until(() => lastId() === '10', 'the snapshot');
    expect(store.records.films.get('uf1')?.title).toBe('潮汐之城 — Tidewater');
  });

  it('treats an answer that is not an event stream as a misconfiguration: offline, slow retry', async () => {
    fakeTime();
    upstream.answers.push(stream('<html></html>', 'text/html'));
    start();
    await until(() => relay!.state === 'offline', 'offline');
    expect(messages().find((m) => m['level'] === 'error')?.['reason']).toBe(
      'answer is text/html, not text/event-stream',
    );
    await vi.advanceTimersByTimeAsync(269_999); // the shortest slow retry is 270 s
    expect(relay!.stats().attempts).toBe(1);
  });

  it('follows redirects, and never sends credentials to another origin', async () => {
    const other = await TestUpstream.start();
    try {
      upstream.answers.push(status(307, { Location: '/v2/events' }), status(302, { Location: other.url }));
      other.answers.push(stream(SNAPSHOT));
      start({ token: 's3cret', headers: { 'X-Api-Key': 'k1' } });
      const [, sameOrigin] = [await upstream.requestCount(1), await upstream.requestCount(2)];
      expect(sameOrigin.path).toBe('/v2/events');
      expect(sameOrigin.headers['authorization']).toBe('Bearer s3cret');
      const elsewhere = await other.requestCount(1);
      expect(elsewhere.headers['authorization']).toBeUndefined();
      expect(elsewhere.headers['x-api-key']).toBeUndefined();
      await until(() => lastId() === '10', 'snapshot via redirect');
      expect(log.lines.join('\n')).toContain('credentials not sent to another origin');
    } finally {
      await relay?.stop();
      await other.close();
    }
  });

  it('sends a non-ASCII id back as its UTF-8 bytes', async () => {
    fakeTime();
    upstream.answers.push(stream(SNAPSHOT + seats(99, 'é-11')));
    start();
    await until(() => lastId() === 'é-11', 'the event');
    upstream.cut();
    await until(() => relay!.state === 'reconnecting', 'reconnecting');
    await nextAttempt();
    const req = await upstream.requestCount(2);
    expect(Buffer.from(req.lastEventId!, 'latin1').toString('utf8')).toBe('é-11');
  });

  it('backs off further while an upstream keeps ending streams without sending anything', async () => {
    fakeTime();
    upstream.fallback = ({ res }) => void res.writeHead(200, { 'Content-Type': 'text/event-stream' }).end();
    start();
    const delays: number[] = [];
    for (let n = 1; n <= 5; n++) {
      await upstream.requestCount(n);
      await until(() => relay!.stats().retries === n, `attempt ${n} ended`);
      delays.push(relay!.stats().lastRetryDelayMs!);
      await expectNextAttemptAfter(delays.at(-1)!);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('stops promptly while waiting to reconnect, and touches the store no more', async () => {
    fakeTime();
    upstream.fallback = status(500);
    start();
    await until(() => relay!.state === 'reconnecting', 'waiting');
    await relay!.stop();
    const attempts = relay!.stats().attempts;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(relay!.stats().attempts).toBe(attempts);
  });
});
