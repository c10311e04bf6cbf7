import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_MS, type SeatRequest } from '../../../main/domain/seat-change.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { basics } from './fixtures.ts';
import { rawDatabase } from '../../../main/store/raw-access.ts';

describe('Store.changeSeats', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let now = Date.parse('2030-01-01T12:00:00Z');
  const sell = (seats: number, showtimeId = 's1'): SeatRequest => ({ showtimeId, op: 'sell', seats });
  const claim = { scope: 'token:t1', key: 'k1' };
  const seats = () => store.records.showtimes.get('s1')?.seatsAvailable;

  beforeEach(() => {
    dir = tempDir();
    store = Store.open({ file: join(dir.path, 'marquee.db'), now: () => now });
    store.apply(basics());
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  it('remembers a key for 24 hours, then treats it as new', () => {
    const first = store.changeSeats(sell(2), { claim });
    expect(first).toMatchObject({
      kind: 'done',
      outcome: { kind: 'applied', showtime: { seatsAvailable: 98 } },
    });
    now += IDEMPOTENCY_TTL_MS - 1;
    expect(store.changeSeats(sell(2), { claim })).toEqual({
      kind: 'replay',
      outcome: first.kind === 'done' && first.outcome,
    });
    expect(seats()).toBe(98);
    now += 1;
    expect(store.changeSeats(sell(2), { claim })).toMatchObject({ kind: 'done' });
    expect(seats()).toBe(96);
  });

  it('expires rows older than 24 hours, and only those', () => {
    store.changeSeats(sell(1), { claim });
    now += 60_000;
    store.changeSeats(sell(1), { claim: { ...claim, key: 'k2' } });
    now += IDEMPOTENCY_TTL_MS - 30_000;
    expect(store.expireIdempotencyKeys()).toBe(1);
    expect(store.expireIdempotencyKeys()).toBe(0);
    // k2 is still remembered.
    expect(store.changeSeats(sell(1), { claim: { ...claim, key: 'k2' } }).kind).toBe('replay');
    expect(seats()).toBe(98);
  });

  it('logs one availability event per accepted change and none for a refusal or a replay', () => {
    const seq = store.seq;
    store.changeSeats(sell(100), { claim });
    store.changeSeats(sell(100), { claim });
    expect(store.changeSeats(sell(1)).kind).toBe('done');
    expect(store.changeSeats(sell(1), { claim: { ...claim, key: 'k2' } })).toMatchObject({
      outcome: { kind: 'refused', reason: 'oversell', requested: 1, showtime: { seatsAvailable: 0 } },
    });
    expect(store.eventsAfter(seq)?.map((e) => e.json)).toEqual(['{"showtimeId":"s1","seatsAvailable":0}']);
  });

  it('saves nothing when the write fails, so a retry after a storage error sells', () => {
    // A read-only database, made real inside SQLite, as in the API's storage-failure tests.
    rawDatabase(store).pragma('query_only = 1');
    expect(() => store.changeSeats(sell(3), { claim })).toThrow(/readonly/i);
    rawDatabase(store).pragma('query_only = 0');
    expect(store.changeSeats(sell(3), { claim })).toMatchObject({
      kind: 'done',
      outcome: { kind: 'applied' },
    });
    expect(seats()).toBe(97);
  });
});
