import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '../../main/domain/events.ts';
import { type EventSourceLike, FeedClient, defaultBackoff } from '../../renderer/lib/feed-client.ts';
import { at, film, show, venue } from './support/fixtures.ts';
import { PlainSink } from './support/plain-sink.ts';

/** A scripted stand-in for the browser's EventSource: the test plays the hub. */
class ScriptedSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  readonly #listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void) {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  /** A numeric `id` is a seq of the hub's history `E`; a string is sent as it is. */
  emit(type: string, data: unknown, id?: number | string) {
    const event = {
      data: typeof data === 'string' ? data : JSON.stringify(data),
      lastEventId: typeof id === 'number' ? `${E}-${id}` : (id ?? ''),
    };
    for (const l of this.#listeners.get(type) ?? []) l(event as MessageEvent<string>);
  }
  open() {
    this.readyState = 1;
    this.emit('open', '');
  }
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.emit('error', '');
  }
}

/** The hub's history epoch in these tests. */
const E = '3f9a1c2e';
const tz = 'Asia/Singapore';
const snapshot = (seq: number, seats = 80): Snapshot => ({
  seq,
  venue: venue(tz),
  auditoriums: [{ id: 'a1', name: 'One', capacity: 100, source: 'local' }],
  films: [film('f1')],
  showtimes: [show('s1', 'f1', at('2026-11-21 19:30', tz), { seatsAvailable: seats })],
  announcements: [],
});

let sources: ScriptedSource[];
let sink: PlainSink;
let client: FeedClient;
const warnings: string[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  sources = [];
  sink = new PlainSink();
  warnings.length = 0;
  client = new FeedClient(sink, {
    open: () => {
      const s = new ScriptedSource();
      sources.push(s);
      return s;
    },
    warn: (m) => warnings.push(m),
  });
  client.start();
});
afterEach(() => {
  client.stop();
  vi.useRealTimers();
});

const current = () => sources.at(-1)!;

describe('FeedClient', () => {
  it('applies a snapshot, then each delta once and in order', () => {
    current().open();
    current().emit('snapshot', snapshot(10), 10);
    current().emit('availability', { showtimeId: 's1', seatsAvailable: 70 }, 11);
    current().emit('availability', { showtimeId: 's1', seatsAvailable: 60 }, 12);
    expect(sink.seats('s1')).toBe(60);
    expect(client.lastEventId).toBe(`${E}-12`);
    expect(sink.log).toEqual(['snapshot@10', 'availability', 'availability']);
    expect(sink.links).toEqual(['live']);
  });

  it("hands on each snapshot's `now`, with when it arrived, before applying the snapshot", () => {
    const heard: string[] = [];
    client.stop();
    client = new FeedClient(
      { ...sink, snapshot: (s) => heard.push(`snapshot@${s.seq}`), change: () => {}, link: () => {} },
      {
        open: () => {
          const s = new ScriptedSource();
          sources.push(s);
          return s;
        },
        now: () => 5_000,
        onHubTime: (hubNow, receivedAt) => heard.push(`hub ${hubNow} at ${receivedAt}`),
      },
    );
    client.start();
    current().emit('snapshot', { ...snapshot(10), now: '2030-03-15T11:05:02.310Z' }, 10);
    // A hub from before `now` says nothing of its time.
    current().emit('snapshot', snapshot(11), 11);
    expect(heard).toEqual([
      `hub ${Date.parse('2030-03-15T11:05:02.310Z')} at 5000`,
      'snapshot@10',
      'snapshot@11',
    ]);
  });

  it('skips events it already applied (a replay overlapping live events)', () => {
    current().emit('snapshot', snapshot(10), 10);
    current().emit('availability', { showtimeId: 's1', seatsAvailable: 70 }, 11);
    current().emit('availability', { showtimeId: 's1', seatsAvailable: 99 }, 11);
    current().emit('availability', { showtimeId: 's1', seatsAvailable: 99 }, 9);
    expect(sink.seats('s1')).toBe(70);
    expect(sink.log).toEqual(['snapshot@10', 'availability']);
    expect(sources).toHaveLength(1);
  });

  it('reopens for a fresh snapshot on a gap instead of applying out of order, keeping the state', () => {
    current().emit('snapshot', snapshot(10), 10);
    current().emit('availability', { showtimeId: 's1', seatsAvailable: 50 }, 12);
    expect(sink.seats('s1')).toBe(80);
    expect(current().closed).toBe(true);
    expect(warnings[0]).toMatch(/missed events 11–11/);
    vi.advanceTimersByTime(0);
    expect(sources).toHaveLength(2);
    current().emit('snapshot', snapshot(12, 50), 12);
    expect(sink.seats('s1')).toBe(50);
    expect(client.lastEventId).toBe(`${E}-12`);
  });

  it('reopens when a delta names a record it does not hold, or is invalid', () => {
    current().emit('snapshot', snapshot(10), 10);
    current().emit('availability', { showtimeId: 'nope', seatsAvailable: 5 }, 11);
    vi.advanceTimersByTime(0);
    expect(sources).toHaveLength(2);
    current().emit('snapshot', snapshot(11), 11);
    current().emit('availability', { showtimeId: 's1', seatsAvailable: -3 }, 12);
    expect(sources.at(-2)!.closed).toBe(true);
    expect(client.lastEventId).toBe(`${E}-11`);
    // Repeated trouble backs off: 0, then 1 s.
    vi.advanceTimersByTime(999);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(3);
  });

  it('leaves reconnecting to the browser while it retries, and starts over when it gives up', () => {
    current().open();
    current().emit('snapshot', snapshot(10), 10);
    current().fail(0);
    expect(sink.links).toEqual(['live', 'offline']);
    vi.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(1);
    current().fail(2);
    vi.advanceTimersByTime(0);
    expect(sources).toHaveLength(2);
    expect(sink.data.showtimes.size).toBe(1);
  });

  it('reconnect() is a watchdog: it drops a silent stream and the next one starts with a snapshot', () => {
    current().open();
    current().emit('snapshot', snapshot(10), 10);
    client.reconnect('heartbeat failed');
    expect(sink.links.at(-1)).toBe('offline');
    vi.advanceTimersByTime(0);
    expect(sources).toHaveLength(2);
    // Events still arriving on the old stream are ignored.
    sources[0]!.emit('availability', { showtimeId: 's1', seatsAvailable: 1 }, 11);
    expect(sink.seats('s1')).toBe(80);
  });

  it('accepts a snapshot from a hub whose sequence went back (a restored database, a new history)', () => {
    current().emit('snapshot', snapshot(500), 500);
    current().emit('snapshot', snapshot(20, 33), '0badf00d-20');
    expect(client.lastEventId).toBe('0badf00d-20');
    expect(sink.seats('s1')).toBe(33);
  });

  it('reopens for a snapshot when a delta belongs to another history, even one whose seq would be next', () => {
    current().emit('snapshot', snapshot(10), 10);
    current().emit('availability', { showtimeId: 's1', seatsAvailable: 5 }, '0badf00d-11');
    current().emit('availability', { showtimeId: 's1', seatsAvailable: 5 }, '11');
    expect(sink.seats('s1')).toBe(80);
    expect(current().closed).toBe(true);
    expect(warnings[0]).toMatch(/availability event 0badf00d-11 of another history/);
    expect(client.lastEventId).toBe(`${E}-10`);
  });

  it('follows a hub from before epochs, whose ids are bare sequence numbers', () => {
    current().emit('snapshot', snapshot(10), '10');
    current().emit('availability', { showtimeId: 's1', seatsAvailable: 70 }, '11');
    expect(sink.seats('s1')).toBe(70);
    expect(client.lastEventId).toBe('11');
    // Then the hub is upgraded: its first snapshot carries an epoch, and deltas follow it.
    current().emit('snapshot', snapshot(11, 70), `${E}-11`);
    current().emit('availability', { showtimeId: 's1', seatsAvailable: 60 }, `${E}-12`);
    expect(sink.seats('s1')).toBe(60);
    expect(client.lastEventId).toBe(`${E}-12`);
    expect(sources).toHaveLength(1);
  });

  it('backs off up to 30 s', () => {
    expect([0, 1, 2, 3, 6, 20].map(defaultBackoff)).toEqual([0, 1_000, 2_000, 4_000, 30_000, 30_000]);
  });
});
