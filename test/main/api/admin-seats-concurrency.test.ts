import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../../main/domain/api-error.ts';
import { SeatAnswer } from '../../../main/domain/seat-change.ts';
import { adminHub, inMinutes, seedBasics } from './admin-support.ts';
import { type RawResponse, raw } from './security-support.ts';

/** Properties to check: quick in `npm test`; raise with MARQUEE_FUZZ_RUNS for a long hunt. */
const RUNS = Number(process.env['MARQUEE_FUZZ_RUNS'] ?? 25);

/** One terminal's request, and how it is retried: at once (a double click) or after its answer (a timeout). */
const opArb = fc.record({
  client: fc.integer({ min: 0, max: 3 }),
  op: fc.constantFrom('sell', 'release'),
  seats: fc.integer({ min: 1, max: 4 }),
  keyed: fc.boolean(),
  retries: fc.integer({ min: 0, max: 2 }),
  retryAtOnce: fc.boolean(),
});
type Op = {
  client: number;
  op: 'sell' | 'release';
  seats: number;
  keyed: boolean;
  retries: number;
  retryAtOnce: boolean;
};

const showArb = fc.integer({ min: 1, max: 20 }).chain((capacity) =>
  fc.record({
    capacity: fc.constant(capacity),
    seats: fc.integer({ min: 0, max: capacity }),
    ops: fc.array(opArb, { minLength: 1, maxLength: 30 }),
  }),
);

/**
 * Box-office terminals (three tokens and a staff session) selling and
 * releasing one show at once, over their own connections, some requests
 * retried with and without an Idempotency-Key: the count always adds up.
 */
describe('seat changes from many terminals at once', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  const clients: Record<string, string>[] = [];
  let run = 0;

  beforeAll(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
    for (const name of ['Till 1', 'Till 2', 'Till 3']) {
      const res = await ctx.api<{ token: string }>('POST', '/api/admin/tokens', { name });
      clients.push({ Authorization: `Bearer ${res.body.token}` });
    }
    clients.push(ctx.auth);
  });
  afterAll(() => ctx.hub.stop());

  it(
    'never oversells, never passes the capacity, and applies each keyed request once',
    async () => {
      const seen = { accepted: 0, refused: 0, replayed: 0 };
      await fc.assert(
        fc.asyncProperty(showArb, async ({ capacity, seats, ops }) => {
          run += 1;
          // A show of its own per run, three hours apart so none overlap.
          const created = await ctx.api<{ record: { id: string } }>('POST', '/api/admin/showtimes', {
            filmId: 'f1',
            auditoriumId: 'a1',
            startsAt: inMinutes(600 + run * 180),
            capacity,
            seatsAvailable: seats,
          });
          expect(created.status, JSON.stringify(created.body)).toBe(201);
          const id = created.body.record.id;
          const seq0 = ctx.hub.store.seq;

          const fire = (op: Op, key: string | undefined): Promise<RawResponse> =>
            raw(`${ctx.hub.url}/api/admin/showtimes/${id}/seats`, {
              method: 'POST',
              headers: {
                ...clients[op.client],
                'Content-Type': 'application/json',
                ...(key !== undefined && { 'Idempotency-Key': key }),
              },
              body: JSON.stringify({ [op.op]: op.seats }),
            });
          const results = await Promise.all(
            (ops as Op[]).map(async (op, i) => {
              const key = op.keyed ? `run-${run}-op-${i}` : undefined;
              const atOnce = op.retryAtOnce ? op.retries : 0;
              const answers = await Promise.all(Array.from({ length: 1 + atOnce }, () => fire(op, key)));
              for (let r = atOnce; r < op.retries; r++) answers.push(await fire(op, key));
              return { op, key, answers };
            }),
          );

          const accepted: { delta: number; answer: SeatAnswer }[] = [];
          for (const { op, key, answers } of results) {
            const delta = op.op === 'sell' ? -op.seats : op.seats;
            for (const a of answers) {
              expect([200, 409], a.body).toContain(a.status);
              if (a.headers['idempotent-replayed'] === 'true') seen.replayed += 1;
              if (a.status === 409) {
                seen.refused += 1;
                const err = ErrorBody.parse(JSON.parse(a.body));
                expect(err.code).toBe(op.op === 'sell' ? 'oversell' : 'over_release');
                // Refused only when it really did not fit the count at that moment.
                const left = Number(err.params['seatsAvailable']);
                expect(left + delta < 0 || left + delta > capacity, a.body).toBe(true);
              }
            }
            if (key !== undefined) {
              // Every retry reads exactly as the first answer, and only one was made rather than replayed.
              for (const a of answers)
                expect([a.status, a.body]).toEqual([answers[0]!.status, answers[0]!.body]);
              expect(answers.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
              if (answers[0]!.status === 200)
                accepted.push({ delta, answer: SeatAnswer.parse(JSON.parse(answers[0]!.body)) });
            } else {
              for (const a of answers)
                if (a.status === 200) accepted.push({ delta, answer: SeatAnswer.parse(JSON.parse(a.body)) });
            }
          }

          // Accepted changes, in the order the hub applied them, replay to exactly what each answered.
          accepted.sort((a, b) => a.answer.seq - b.answer.seq);
          let count = seats;
          for (const { delta, answer } of accepted) {
            count += delta;
            expect(count).toBeGreaterThanOrEqual(0);
            expect(count).toBeLessThanOrEqual(capacity);
            expect(answer.showtime.seatsAvailable).toBe(count);
          }
          expect(new Set(accepted.map((a) => a.answer.seq)).size).toBe(accepted.length);
          seen.accepted += accepted.length;
          const expected = seats + accepted.reduce((n, a) => n + a.delta, 0);
          expect(ctx.hub.store.records.showtimes.get(id)?.seatsAvailable).toBe(expected);
          // One event per accepted change: no keyed request applied twice, every count within bounds.
          const events = (ctx.hub.store.eventsAfter(seq0) ?? []).filter((e) => e.type === 'availability');
          expect(events).toHaveLength(accepted.length);
          for (const e of events) {
            const { seatsAvailable } = JSON.parse(e.json) as { seatsAvailable: number };
            expect(seatsAvailable).toBeGreaterThanOrEqual(0);
            expect(seatsAvailable).toBeLessThanOrEqual(capacity);
          }
        }),
        { numRuns: RUNS },
      );
      // Sales, refusals and replays must all be common, or the property proved little.
      expect(seen.accepted).toBeGreaterThan(RUNS * 2);
      expect(seen.refused).toBeGreaterThan(RUNS);
      expect(seen.replayed).toBeGreaterThan(RUNS);
    },
    30_000 + RUNS * 4_000,
  );
});
