import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WORLD, relayHarness } from './support/relay-harness.ts';
import { MercureStandIn } from './support/mercure-stand-in.ts';
import { until } from './support/test-upstream.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJtZXJjdXJlIjp7InN1YnNjcmliZSI6WyIqIl19fQ.c2lnbmF0dXJl';
const seatsState = (n: number) => ({
  ...WORLD,
  showtimes: [{ ...WORLD.showtimes[0]!, seatsAvailable: n }],
});

describe('a Mercure hub as the upstream', () => {
  const h = relayHarness();
  let mercure: MercureStandIn;
  beforeEach(async () => {
    mercure = await MercureStandIn.start({ topic: 'https://hq.example/venues/42', jwt: JWT, historySize: 3 });
  });
  afterEach(() => mercure.close());

  const sell = (n: number) => {
    mercure.state = seatsState(n);
    return mercure.publish('availability', { showtimeId: 'us1', seatsAvailable: n });
  };

  /** Connected, the publisher's snapshot applied, and 90 seats left. */
  async function following(options: { snapshotUrl?: string } = {}) {
    h.fakeTime();
    h.start({ url: mercure.url, token: JWT, ...options });
    await until(() => mercure.subscribers === 1, 'subscribed');
    mercure.publish('snapshot', WORLD);
    const id = sell(90);
    await until(() => h.seatsOf() === 90 && h.lastId() === id, 'the first sale');
  }

  /** The link drops; while away the hub publishes `sales` more (seat counts 80, 79, …). */
  async function awayFor(sales: number) {
    mercure.dropSubscribers();
    for (let i = 0; i < sales; i++) sell(80 - i);
    await h.nextAttempt();
  }

  it('resumes within the history: the header names our id, the missed updates follow, no snapshot', async () => {
    await following({ snapshotUrl: '/snapshot' });
    await awayFor(2);
    await until(() => h.seatsOf() === 79, 'the missed sales');
    expect(mercure.subscriptions.at(-1)!.answered).toBe(mercure.subscriptions.at(-1)!.sent);
    expect(mercure.snapshotRequests).toBe(0);
    expect(h.seatHistory()).toEqual([90, 80, 79]);
  });

  it('takes a fresh snapshot from the snapshot URL when the hub answers earliest (history lost), then follows live', async () => {
    await following({ snapshotUrl: '/snapshot' });
    await awayFor(5);
    await until(() => h.seatsOf() === 76, 'the snapshot after the gap');
    expect(mercure.subscriptions.at(-1)!.answered).toBe('earliest');
    expect(mercure.snapshotRequests).toBe(1);
    const id = sell(70);
    await until(() => h.seatsOf() === 70 && h.lastId() === id, 'live again');
    expect(
      h
        .messages()
        .some((m) => m['message'] === 'upstream cannot resume from our id: its history after it is gone'),
    ).toBe(true);
  });

  it('without a snapshot URL, reconnects asking for the whole history (Last-Event-ID: earliest)', async () => {
    await following();
    await awayFor(5);
    await until(() => mercure.subscriptions.length === 2, 'the resume that finds the gap');
    expect(h.seatsOf()).toBe(90);
    await h.nextAttempt();
    await until(() => h.seatsOf() === 76, 'the whole history');
    expect(mercure.subscriptions.at(-1)).toEqual({ sent: 'earliest', answered: 'earliest' });
  });
});
