import { describe, expect, it, vi } from 'vitest';
import { SNAPSHOT, relayHarness, seats } from './support/relay-harness.ts';
import { stream, until } from './support/test-upstream.ts';

/**
 * Issue 12 item 10: one transaction (one fsync) per batch of what arrived
 * together, not per HTTP chunk, so a relay that fell behind catches up.
 */
describe('UpstreamRelay commit batching', () => {
  const h = relayHarness();

  /** Writes `n` seat sales as `n` HTTP chunks that leave in one TCP segment, as a backlog arrives. */
  const backlog = (from: number, n: number) => {
    const socket = h.upstream.res.socket!;
    socket.cork();
    for (let i = 0; i < n; i++) h.upstream.write(seats(99 - ((from + i) % 90), from + i));
    socket.uncork();
  };
  const transactions = () => h.relay!.stats().transactions;

  it('commits a backlog of many chunks in one transaction, with the last id', async () => {
    h.upstream.fallback = stream(SNAPSHOT);
    h.start();
    await until(() => h.lastId() === '10', 'the snapshot');
    const before = transactions();
    const apply = vi.spyOn(h.store, 'apply');
    backlog(11, 50);
    await until(() => h.lastId() === '60', 'the backlog');
    // Chunks a socket read brought together: before, one transaction each (50). One read
    // almost always brings the whole segment; the kernel may still split it once.
    expect(transactions() - before).toBeLessThanOrEqual(2);
    const batches = apply.mock.calls.map(([changes]) => changes.length).filter((n) => n > 0);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(50);
    expect(h.seatHistory()).toHaveLength(50);
  });

  it('bounds a batch in events', async () => {
    h.upstream.fallback = stream(SNAPSHOT);
    h.start({ commitBatch: { maxEvents: 20 } });
    await until(() => h.lastId() === '10', 'the snapshot');
    const apply = vi.spyOn(h.store, 'apply');
    backlog(11, 50);
    await until(() => h.lastId() === '60', 'the backlog');
    const batches = apply.mock.calls.map(([changes]) => changes.length).filter((n) => n > 0);
    // 20, 20 and the last 10 when one read brings them all.
    expect(Math.max(...batches)).toBe(20);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(50);
    expect(h.seatHistory()).toHaveLength(50);
  });

  it('ends the attempt when a batch fails to commit, and resumes from the last committed id', async () => {
    h.fakeTime();
    h.upstream.answers.push(stream(SNAPSHOT));
    h.start();
    await until(() => h.lastId() === '10', 'the snapshot');
    vi.spyOn(h.store, 'apply').mockImplementationOnce(() => {
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    });
    backlog(11, 5);
    await until(() => h.relay!.state === 'reconnecting', 'the attempt to end');
    expect(h.lastId()).toBe('10');
    expect(h.messages().find((m) => m['level'] === 'error')?.['reason']).toBe(
      'could not apply: Error: disk I/O error',
    );
    h.upstream.answers.push(stream(seats(98, 11) + seats(97, 12)));
    await h.nextAttempt();
    expect((await h.upstream.requestCount(2)).lastEventId).toBe('10');
    await until(() => h.lastId() === '12', 'resent and applied');
    expect(h.seatHistory()).toEqual([98, 97]);
  });

  it('commits what arrived whole before the connection broke', async () => {
    h.fakeTime();
    h.upstream.answers.push(stream(SNAPSHOT));
    h.start();
    await until(() => h.lastId() === '10', 'the snapshot');
    const socket = h.upstream.res.socket!;
    socket.cork();
    h.upstream.write(seats(99, 11) + seats(98, 12) + 'id: 13\nevent: availability\ndata: {"sho');
    socket.uncork();
    socket.end();
    await until(() => h.relay!.state === 'reconnecting', 'the cut');
    expect(h.lastId()).toBe('12');
    expect(h.seatHistory()).toEqual([99, 98]);
  });
});
