import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf, seqOf } from '../../support/event-ids.ts';
import { SseClient } from '../../support/sse-client.ts';
import { startTestHub } from '../../support/test-hub.ts';
import { basics } from '../store/fixtures.ts';

type Op =
  | { kind: 'publish'; count: number }
  | { kind: 'drop'; client: number }
  | { kind: 'resume'; client: number; publishDuring: number; publishWhilePaging: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('publish' as const), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('drop' as const), client: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    kind: fc.constant('resume' as const),
    client: fc.integer({ min: 0, max: 2 }),
    publishDuring: fc.integer({ min: 0, max: 5 }),
    publishWhilePaging: fc.integer({ min: 0, max: 6 }),
  }),
);

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Random publish / disconnect / reconnect sequences, with events published
 * while reconnections are in flight and while a replay goes out page by page.
 * Every client must end up with every event after its first snapshot exactly
 * once, in order. Once with the default page size (replays of one page, sent
 * in one step) and once with pages of 3 events, so that nearly every replay is
 * paged and live events are published between its pages.
 */
describe.each([
  { pages: 'one page', replayPageEvents: undefined },
  { pages: 'pages of 3 events', replayPageEvents: 3 },
])('Last-Event-ID replay under concurrent publishing ($pages)', ({ replayPageEvents }) => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let seats = 0;
  beforeAll(async () => {
    // A wide coalescing window keeps events queued while reconnections arrive: the race under test.
    hub = await startTestHub({ streams: { coalesceMs: 20, ...(replayPageEvents && { replayPageEvents }) } });
    hub.store.apply(basics());
  });
  afterAll(() => hub.stop());

  const publish = (n: number) => {
    for (let i = 0; i < n; i++)
      hub.store.apply([
        { type: 'availability', data: { showtimeId: 's1', seatsAvailable: (seats = (seats + 1) % 100) } },
      ]);
  };

  it('delivers every event exactly once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const url = `${hub.url}/events`;
        const received: number[][] = [[], [], []];
        const start: number[] = [];
        const live: (SseClient | undefined)[] = [];
        const seen = [0, 0, 0];
        const collect = (i: number) => {
          const c = live[i]!;
          for (; seen[i]! < c.events.length; seen[i]!++) {
            const e = c.events[seen[i]!]!;
            if (e.event === 'snapshot') start[i] ??= seqOf(e.id);
            else received[i]!.push(seqOf(e.id));
          }
        };
        // The newest id a client has, counting what earlier connections got.
        const reached = (i: number, c: SseClient, target: number) =>
          (seqOf(c.lastId()) || (received[i]!.at(-1) ?? start[i]!)) >= target;
        for (let i = 0; i < 3; i++) {
          live[i] = await SseClient.connect(url);
          await live[i]!.count(1);
          collect(i);
        }
        for (const o of ops) {
          if (o.kind === 'publish') publish(o.count);
          else if (o.kind === 'drop') {
            const c = live[o.client];
            if (c) {
              const target = hub.store.seq;
              await c.until(() => reached(o.client, c, target), 'catch-up before drop');
              collect(o.client);
              c.close();
              live[o.client] = undefined;
            }
          } else if (!live[o.client]) {
            const lastId = idOf(hub.store, received[o.client]!.at(-1) ?? start[o.client]!);
            seen[o.client] = 0;
            const pending = SseClient.connect(url, { 'Last-Event-ID': lastId });
            publish(o.publishDuring); // races the reconnection
            live[o.client] = await pending;
            // The replay has begun (its first page went out with the headers): publish between its pages.
            for (let k = 0; k < o.publishWhilePaging; k++) {
              publish(1);
              await turn();
            }
          }
        }
        const final = hub.store.seq;
        for (let i = 0; i < 3; i++) {
          let c = live[i];
          if (!c) {
            c = live[i] = await SseClient.connect(url, {
              'Last-Event-ID': idOf(hub.store, received[i]!.at(-1) ?? start[i]!),
            });
            seen[i] = 0;
          }
          const client = c;
          await c.until(() => reached(i, client, final), `client ${i} to reach ${final}`);
          collect(i);
          c.close();
          const expected = Array.from({ length: final - start[i]! }, (_, k) => start[i]! + 1 + k);
          expect(received[i]).toEqual(expected);
        }
      }),
      { numRuns: 30 },
    );
  });
});
