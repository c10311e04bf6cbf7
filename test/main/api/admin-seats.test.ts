import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBody } from '../../../main/domain/api-error.ts';
import { SeatAnswer } from '../../../main/domain/seat-change.ts';
import { adminHub, fingerprint, inMinutes, seedBasics } from './admin-support.ts';
import { raw } from './security-support.ts';

type Ctx = Awaited<ReturnType<typeof adminHub>>;

/** A box-office terminal's token, made by staff through the API. */
async function terminal(ctx: Ctx, name: string): Promise<Record<string, string>> {
  const res = await ctx.api<{ token: string }>('POST', '/api/admin/tokens', { name });
  if (res.status !== 201) throw new Error(`token: ${JSON.stringify(res.body)}`);
  return { Authorization: `Bearer ${res.body.token}` };
}

describe('relative seat changes', () => {
  let ctx: Ctx;
  let show: string;
  let till: Record<string, string>;

  /** `POST …/seats` as raw bytes, so two answers can be compared exactly. */
  const seats = (body: unknown, headers: Record<string, string> = till, id = show) =>
    raw(`${ctx.hub.url}/api/admin/showtimes/${encodeURIComponent(id)}/seats`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const left = () => ctx.hub.store.records.showtimes.get(show)?.seatsAvailable;
  const error = (res: { body: string }) => ErrorBody.parse(JSON.parse(res.body));

  beforeEach(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
    const created = await ctx.api<{ record: { id: string } }>('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId: 'a2',
      startsAt: inMinutes(600),
      seatsAvailable: 10,
    });
    show = created.body.record.id;
    till = await terminal(ctx, 'Till 1');
    // Its first use stamps `lastUsedAt`; later fingerprints compare from here.
    await raw(`${ctx.hub.url}/api/admin/state`, { headers: till });
  });
  afterEach(() => ctx.hub.stop());

  it('sells and releases against the current count, logs and audits each change', async () => {
    const seq0 = ctx.hub.store.seq;
    const sold = await seats({ sell: 3 });
    expect(sold.status).toBe(200);
    const answer = SeatAnswer.parse(JSON.parse(sold.body));
    expect(answer).toMatchObject({ changed: true, seq: seq0 + 1, showtime: { id: show, seatsAvailable: 7 } });
    const back = SeatAnswer.parse(JSON.parse((await seats({ release: 1 })).body));
    expect(back.showtime.seatsAvailable).toBe(8);
    expect(ctx.hub.store.eventsAfter(seq0)?.map((e) => [e.type, JSON.parse(e.json)])).toEqual([
      ['availability', { showtimeId: show, seatsAvailable: 7 }],
      ['availability', { showtimeId: show, seatsAvailable: 8 }],
    ]);
    const audit = await ctx.api<{ entries: { summary: string; actor: { name: string } }[] }>(
      'GET',
      '/api/admin/audit?limit=2',
    );
    expect(audit.body.entries.map((e) => [e.actor.name, e.summary])).toEqual([
      ['Till 1', `Released 1 seat(s) of showtime ${show}`],
      ['Till 1', `Sold 3 seat(s) of showtime ${show}`],
    ]);
  });

  it('refuses an oversell and an over-release with 409, the current count, and changes nothing', async () => {
    const before = fingerprint(ctx.hub);
    const over = await seats({ sell: 11 });
    expect(over.status).toBe(409);
    expect(error(over)).toMatchObject({
      code: 'oversell',
      params: { requested: 11, seatsAvailable: 10, capacity: 50 },
      current: { id: show, seatsAvailable: 10 },
    });
    const back = await seats({ release: 41 });
    expect(back.status).toBe(409);
    expect(error(back)).toMatchObject({
      code: 'over_release',
      params: { requested: 41, seatsAvailable: 10, capacity: 50 },
    });
    expect(fingerprint(ctx.hub)).toBe(before);
    // Exactly to the edges is fine.
    expect((await seats({ sell: 10 })).status).toBe(200);
    expect((await seats({ release: 50 })).status).toBe(200);
    expect(left()).toBe(50);
  });

  it('wants exactly one positive whole number, with a code per field', async () => {
    const before = fingerprint(ctx.hub);
    const cases: [unknown, string, string][] = [
      [{}, '(body)', 'exactly_one'],
      [{ sell: 1, release: 1 }, '(body)', 'exactly_one'],
      [{ sell: 0 }, 'sell', 'too_small'],
      [{ release: -2 }, 'release', 'too_small'],
      [{ sell: 1.5 }, 'sell', 'not_integer'],
      [{ sell: '2' }, 'sell', 'wrong_type'],
      [{ sell: 100_001 }, 'sell', 'too_big'],
      [{ sell: 1, note: 'x' }, '(body)', 'unknown_keys'],
    ];
    for (const [body, field, code] of cases) {
      const res = await seats(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = error(res);
      expect(err.code).toBe('validation_failed');
      expect(err.fieldCodes?.[field]?.code, JSON.stringify(body)).toBe(code);
      expect(err.fields?.[field]).toEqual(expect.any(String));
    }
    expect(error(await seats({ sell: 0 })).fieldCodes?.['sell']?.params).toMatchObject({ minimum: 1 });
    expect(fingerprint(ctx.hub)).toBe(before);
  });

  it('answers 409 naming the source for upstream-owned shows, 404 for unknown ones', async () => {
    ctx.hub.store.apply(
      [
        {
          type: 'showtime.upsert',
          data: {
            id: 'up-1',
            filmId: 'f1',
            auditoriumId: 'a1',
            startsAt: inMinutes(2000),
            tags: [],
            capacity: 100,
            seatsAvailable: 100,
            status: 'scheduled',
            source: 'upstream',
          },
        },
      ],
      { origin: 'upstream' },
    );
    const up = await seats({ sell: 1 }, till, 'up-1');
    expect(up.status).toBe(409);
    expect(error(up)).toMatchObject({ code: 'upstream_owned', params: { id: 'up-1', source: 'upstream' } });
    expect(error(up).error).toContain('upstream');
    const none = await seats({ sell: 1 }, till, 'st-nothing');
    expect(none.status).toBe(404);
    expect(error(none)).toMatchObject({ code: 'not_found', params: { id: 'st-nothing' } });
    expect(ctx.hub.store.records.showtimes.get('up-1')?.seatsAvailable).toBe(100);
  });

  it('needs the same credentials as availability: any admin token or a session with its CSRF token', async () => {
    expect((await seats({ sell: 1 }, ctx.auth)).status).toBe(200);
    expect(error(await seats({ sell: 1 }, {})).code).toBe('unauthorized');
    expect(error(await seats({ sell: 1 }, { Cookie: ctx.auth['Cookie']! })).code).toBe('csrf_missing');
    expect(error(await seats({ sell: 1 }, { Authorization: 'Bearer not-a-token-at-all-really' })).code).toBe(
      'token_invalid',
    );
    expect(left()).toBe(9);
  });

  describe('with an Idempotency-Key', () => {
    const keyed = (key: string, headers = till) => ({ ...headers, 'Idempotency-Key': key });

    it('answers a retry exactly as the first time and sells once', async () => {
      const first = await seats({ sell: 2 }, keyed('k-1'));
      expect(first.status).toBe(200);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      // Something else changes in between: the retry still reads as the first answer did.
      expect((await seats({ sell: 1 })).status).toBe(200);
      const retry = await seats({ sell: 2 }, keyed('k-1'));
      expect(retry.status).toBe(200);
      expect(retry.body).toBe(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(left()).toBe(7);
    });

    it('remembers a refusal too: a retried oversell stays refused after seats come back', async () => {
      const first = await seats({ sell: 12 }, keyed('k-2'));
      expect(first.status).toBe(409);
      expect((await seats({ release: 5 })).status).toBe(200);
      const retry = await seats({ sell: 12 }, keyed('k-2'));
      expect([retry.status, retry.body]).toEqual([409, first.body]);
      expect(left()).toBe(15);
      // A new key is a new request.
      expect((await seats({ sell: 12 }, keyed('k-3'))).status).toBe(200);
      expect(left()).toBe(3);
    });

    it('refuses a key reused with another body with 422 and changes nothing', async () => {
      expect((await seats({ sell: 1 }, keyed('k-4'))).status).toBe(200);
      const before = fingerprint(ctx.hub);
      for (const body of [{ sell: 2 }, { release: 1 }]) {
        const res = await seats(body, keyed('k-4'));
        expect(res.status).toBe(422);
        expect(error(res)).toMatchObject({ code: 'idempotency_key_reused', params: { key: 'k-4' } });
      }
      expect(fingerprint(ctx.hub)).toBe(before);
      // Another showtime is another request too.
      const other = await ctx.api<{ record: { id: string } }>('POST', '/api/admin/showtimes', {
        filmId: 'f2',
        auditoriumId: 'a1',
        startsAt: inMinutes(600),
      });
      expect((await seats({ sell: 1 }, keyed('k-4'), other.body.record.id)).status).toBe(422);
      expect(ctx.hub.store.records.showtimes.get(other.body.record.id)?.seatsAvailable).toBe(100);
      expect(left()).toBe(9);
    });

    it('keeps keys per credential: the same key from another terminal is its own request', async () => {
      const till2 = await terminal(ctx, 'Till 2');
      expect((await seats({ sell: 1 }, keyed('shared'))).status).toBe(200);
      const second = await seats({ sell: 1 }, keyed('shared', till2));
      expect(second.status).toBe(200);
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect((await seats({ sell: 1 }, keyed('shared', ctx.auth))).status).toBe(200);
      expect(left()).toBe(7);
    });

    it('refuses a malformed key before doing anything', async () => {
      const before = fingerprint(ctx.hub);
      for (const key of ['', 'x'.repeat(256), 'with space', 'é']) {
        const res = await seats({ sell: 1 }, { ...till, 'Idempotency-Key': key });
        expect(res.status, JSON.stringify(key)).toBe(400);
        expect(error(res).code).toBe('idempotency_key_invalid');
      }
      expect(fingerprint(ctx.hub)).toBe(before);
    });

    it('forgets nothing on a refused body: a fixed retry with the same key goes through', async () => {
      expect((await seats({ sell: 0 }, keyed('k-5'))).status).toBe(400);
      expect((await seats({ sell: 1 }, keyed('k-5'))).status).toBe(200);
      expect(left()).toBe(9);
    });
  });

  it('keeps PATCH …/availability for systems that report totals', async () => {
    const res = await ctx.api('PATCH', `/api/admin/showtimes/${show}/availability`, { seatsAvailable: 4 });
    expect(res.status).toBe(200);
    expect(SeatAnswer.parse(res.body).showtime.seatsAvailable).toBe(4);
  });
});

describe("the hub's periodic prune", () => {
  afterEach(() => vi.useRealTimers());

  it('expires idempotency keys every minute with the event log', async () => {
    // Only the intervals are fake: the server and its sockets keep real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const ctx = await adminHub();
    try {
      const expire = vi.spyOn(ctx.hub.store, 'expireIdempotencyKeys');
      vi.advanceTimersByTime(59_000);
      expect(expire).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1_000);
      expect(expire).toHaveBeenCalledTimes(1);
    } finally {
      await ctx.hub.stop();
    }
  });
});
