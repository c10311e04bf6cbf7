import { describe, expect, it } from 'vitest';
import { UpstreamRelay } from '../../../main/relay/relay.ts';
import { SNAPSHOT, WORLD, relayHarness, seats } from './support/relay-harness.ts';
import { TestUpstream, frame, status, stream, until } from './support/test-upstream.ts';

describe('UpstreamRelay against a scripted upstream', () => {
  const h = relayHarness();

  it('asks for an event stream with its credentials, applies the snapshot and live events, and goes live', async () => {
    h.upstream.fallback = stream('retry: 3000\n\n' + SNAPSHOT + seats(99, 11));
    h.start({ token: 's3cret', headers: { 'X-Api-Key': 'k1' } });
    const req = await h.upstream.requestCount(1);
    expect(req.headers['accept']).toBe('text/event-stream');
    expect(req.headers['cache-control']).toBe('no-cache');
    expect(req.headers['authorization']).toBe('Bearer s3cret');
    expect(req.headers['x-api-key']).toBe('k1');
    expect(req.lastEventId).toBeUndefined();
    await until(() => h.seatsOf() === 99, 'the live event');
    h.upstream.write(seats(98, 12) + seats(97, 13));
    await until(() => h.lastId() === '13', 'two more events');
    expect(h.seatsOf()).toBe(97);
    expect(h.states()).toEqual(['connecting', 'live']);
    expect(h.relay!.status().lastUpstreamEventAt).not.toBeNull();
    expect(h.store.records.films.get('uf1')?.source).toBe('upstream');
    expect(h.seatHistory()).toEqual([99, 98, 97]);
  });

  it('resumes with Last-Event-ID after a cut, after a restart, and starts afresh for another URL', async () => {
    h.fakeTime();
    h.upstream.answers.push(stream(SNAPSHOT + seats(99, 11) + seats(98, 12)));
    h.start();
    await until(() => h.lastId() === '12', 'first events');
    h.upstream.cut();
    await until(() => h.relay!.state === 'reconnecting', 'reconnecting');
    h.upstream.answers.push(stream(seats(97, 13)));
    await h.nextAttempt();
    const second = await h.upstream.requestCount(2);
    expect(second.lastEventId).toBe('12');
    await until(() => h.lastId() === '13', 'the resumed event');

    await h.relay!.stop();
    h.statuses = [];
    h.upstream.answers.push(stream(seats(96, 14)));
    h.start();
    expect((await h.upstream.requestCount(3)).lastEventId).toBe('13');
    await until(() => h.seatsOf() === 96, 'event after restart');
    expect(h.states()).toEqual(['connecting', 'live']);
    await h.relay!.stop();

    // The stored id belongs to this URL; another feed starts with a snapshot.
    h.upstream.answers.push(stream(SNAPSHOT));
    h.start({ url: `${h.upstream.origin}/other-feed` });
    const other = await h.upstream.requestCount(4);
    expect(other.path).toBe('/other-feed');
    expect(other.lastEventId).toBeUndefined();
    expect(h.seatHistory()).toEqual([99, 98, 97, 96]);
  });

  it('remembers across a restart when the last h.upstream event came', async () => {
    h.upstream.fallback = stream(SNAPSHOT);
    h.start();
    await until(() => h.lastId() === '10', 'the snapshot');
    const at = h.relay!.status().lastUpstreamEventAt;
    expect(Date.parse(at!)).toBeGreaterThan(Date.now() - 60_000);
    await h.relay!.stop();
    h.upstream.fallback = status(503);
    h.statuses = [];
    h.start();
    // Known from the database at once, before any event: screens can tell how old their data is.
    expect(h.statuses[0]).toEqual({ upstream: 'connecting', lastUpstreamEventAt: at });
  });

  it('keeps relaying when its status cannot be recorded (a full disk)', async () => {
    h.upstream.fallback = stream(SNAPSHOT + seats(99, 11));
    h.relay = new UpstreamRelay(
      { url: h.upstream.url },
      {
        store: h.store,
        log: h.log,
        onStatus: () => {
          throw new Error('database or disk is full');
        },
      },
    );
    h.relay.start();
    await until(() => h.seatsOf() === 99, 'the live event');
    expect(h.relay.state).toBe('live');
    expect(
      h.messages().filter((m) => m['message'] === 'could not record the upstream status').length,
    ).toBeGreaterThan(0);
  });

  it('loses nothing and applies nothing twice when the connection is cut inside an event', async () => {
    h.fakeTime();
    h.upstream.answers.push(
      stream(SNAPSHOT + seats(99, 11) + 'id: 12\nevent: availability\ndata: {"showtimeId":"us1","seat'),
    );
    h.start();
    await until(() => h.lastId() === '11', 'the complete event');
    h.upstream.cut();
    await until(() => h.relay!.state === 'reconnecting', 'reconnecting');
    // The h.upstream resends from what we confirmed; the half event never counted.
    h.upstream.answers.push(stream(seats(98, 12) + seats(97, 13)));
    await h.nextAttempt();
    expect((await h.upstream.requestCount(2)).lastEventId).toBe('11');
    await until(() => h.lastId() === '13', 'resent events');
    expect(h.seatHistory()).toEqual([99, 98, 97]);
  });

  it('logs and skips malformed events with their ids, and goes on', async () => {
    h.upstream.fallback = stream(
      SNAPSHOT +
        frame('availability', '{"showtimeId":', 11) +
        frame('availability', { showtimeId: 'us1', seatsAvailable: 'many' }, 12) +
        frame('showtime.upsert', { ...WORLD.showtimes[0], id: 'us2', filmId: 'ghost' }, 13) +
        frame('status', { upstream: 'offline', lastUpstreamEventAt: null }, 14) +
        seats(42, 15),
    );
    h.start();
    await until(() => h.lastId() === '15', 'all events');
    expect(h.seatsOf()).toBe(42);
    const warned = h.messages().filter((m) => m['level'] === 'warn' && m['id'] !== undefined);
    expect(warned.map((m) => m['id'])).toEqual(['11', '12', '13']);
    expect(h.relay!.state).toBe('live');
    expect(h.relay!.stats()).toMatchObject({ skipped: 3, ignored: 1, connections: 1 });
  });

  it('does not apply an event past the size bound, reports its size in health, and reconnects from the last good id', async () => {
    h.fakeTime();
    const big = frame('snapshot', { ...WORLD, films: [{ ...WORLD.films[0], title: 'x'.repeat(5_000) }] }, 12);
    h.upstream.answers.push(stream(SNAPSHOT + seats(99, 11) + big));
    h.start({ maxEventBytes: 4_096 });
    await until(() => h.relay!.state === 'reconnecting', 'cut off');
    expect(h.lastId()).toBe('11');
    expect(h.relay!.health()).toEqual({
      running: true,
      tooLarge: {
        event: 'snapshot',
        bytes: Buffer.byteLength(big) - 10, // as the limit counts: neither line ends nor the id line
        complete: true,
        limitBytes: 4_096,
        at: expect.any(String) as string,
      },
    });
    expect(h.messages().find((m) => m['level'] === 'error')?.['reason']).toBe(
      `a snapshot event of ${Buffer.byteLength(big) - 10} bytes is larger than the limit of 4096 bytes`,
    );
    h.upstream.answers.push(stream(seats(98, 12)));
    await h.nextAttempt();
    expect((await h.upstream.requestCount(2)).lastEventId).toBe('11');
    await until(() => h.seatsOf() === 98, 'resumed');
    // Applied events after it: the problem is gone.
    expect(h.relay!.health()).toEqual({ running: true });
  });

  it('cuts off an event that never ends past twice the size bound', async () => {
    h.fakeTime();
    h.upstream.answers.push(stream(SNAPSHOT + 'id: 12\nevent: film.upsert\ndata: ' + 'x'.repeat(9_000)));
    h.start({ maxEventBytes: 4_096 });
    await until(() => h.relay!.state === 'reconnecting', 'cut off');
    expect(h.relay!.health().tooLarge).toMatchObject({
      event: 'film.upsert',
      complete: false,
      limitBytes: 4_096,
    });
  });

  it('reads UTF-8 whatever the charset says, with a BOM, CRLF and bytes split anywhere', async () => {
    h.upstream.fallback = ({ res }) => {
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
    h.start();
    await until(() => h.lastId() === '10', 'the snapshot');
    expect(h.store.records.films.get('uf1')?.title).toBe('潮汐之城 — Tidewater');
  });

  it('follows redirects, and never sends credentials to another origin', async () => {
    const other = await TestUpstream.start();
    try {
      h.upstream.answers.push(status(307, { Location: '/v2/events' }), status(302, { Location: other.url }));
      other.answers.push(stream(SNAPSHOT));
      h.start({ token: 's3cret', headers: { 'X-Api-Key': 'k1' } });
      const [, sameOrigin] = [await h.upstream.requestCount(1), await h.upstream.requestCount(2)];
      expect(sameOrigin.path).toBe('/v2/events');
      expect(sameOrigin.headers['authorization']).toBe('Bearer s3cret');
      const elsewhere = await other.requestCount(1);
      expect(elsewhere.headers['authorization']).toBeUndefined();
      expect(elsewhere.headers['x-api-key']).toBeUndefined();
      await until(() => h.lastId() === '10', 'snapshot via redirect');
      expect(h.log.lines.join('\n')).toContain('credentials not sent to another origin');
    } finally {
      await h.relay?.stop();
      await other.close();
    }
  });

  it('takes a redirect to an invalid Location for a network fault, and tries again', async () => {
    h.fakeTime();
    h.upstream.answers.push(status(302, { Location: 'http://[::1' }), stream(SNAPSHOT));
    h.start();
    await until(() => h.relay!.state === 'reconnecting', 'the bad redirect');
    expect(h.messages().find((m) => m['message'] === 'upstream connection lost')?.['reason']).toBe(
      'redirected to an invalid Location',
    );
    await h.nextAttempt();
    await until(() => h.lastId() === '10', 'live after all');
  });

  it('sends a non-ASCII id back as its UTF-8 bytes', async () => {
    h.fakeTime();
    h.upstream.answers.push(stream(SNAPSHOT + seats(99, 'é-11')));
    h.start();
    await until(() => h.lastId() === 'é-11', 'the event');
    h.upstream.cut();
    await until(() => h.relay!.state === 'reconnecting', 'reconnecting');
    await h.nextAttempt();
    const req = await h.upstream.requestCount(2);
    expect(Buffer.from(req.lastEventId!, 'latin1').toString('utf8')).toBe('é-11');
  });
});
