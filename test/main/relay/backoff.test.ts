import { describe, expect, it } from 'vitest';
import {
  MAX_SERVER_DELAY_MS,
  backoffDelay,
  parseRetryAfter,
  slowRetryDelay,
} from '../../../main/relay/backoff.ts';

describe('backoffDelay', () => {
  it('uses full jitter: anywhere from 0 up to the ceiling', () => {
    expect(backoffDelay(0, undefined, 0)).toBe(0);
    expect(backoffDelay(0, undefined, 0.5)).toBe(500);
    expect(backoffDelay(0, undefined, 0.999)).toBe(999);
  });

  it('doubles the ceiling with each failure in a row, up to the cap', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 10, 100].map((f) => backoffDelay(f, undefined, 0.9999999));
    expect(ceilings).toEqual([999, 1999, 3999, 7999, 15999, 29999, 29999, 29999, 29999]);
  });

  it("starts from the feed's retry: value instead of the default base", () => {
    expect(backoffDelay(0, 2_000, 0.9999999)).toBe(1999);
    expect(backoffDelay(2, 2_000, 0.9999999)).toBe(7999);
    expect(backoffDelay(0, 0, 0.7)).toBe(0);
  });

  it('caps a retry: above the cap at the cap (30 s by default): a feed cannot keep the hub away longer', () => {
    expect(backoffDelay(0, 120_000, 0.9999999)).toBe(29_999);
    expect(backoffDelay(3, 120_000, 0.9999999)).toBe(29_999);
    expect(backoffDelay(0, 10 * MAX_SERVER_DELAY_MS, 0.9999999)).toBe(29_999);
    expect(backoffDelay(0, 120_000, 0.9999999, { capMs: 60_000 })).toBe(59_999);
  });

  it('honours custom base and cap', () => {
    expect(backoffDelay(10, undefined, 0.9999999, { baseMs: 100, capMs: 5_000 })).toBe(4999);
  });

  it('spreads many clients evenly (no thundering herd)', () => {
    const delays = Array.from({ length: 1000 }, (_, i) => backoffDelay(5, undefined, i / 1000));
    const buckets = [0, 0, 0, 0];
    for (const d of delays) buckets[Math.floor(d / 7_500)]!++;
    expect(buckets).toEqual([250, 250, 250, 250]);
  });
});

describe('slowRetryDelay', () => {
  it('waits about five minutes, ±10 %', () => {
    expect(slowRetryDelay(0)).toBe(270_000);
    expect(slowRetryDelay(0.5)).toBe(300_000);
    expect(slowRetryDelay(1)).toBe(330_000);
    expect(slowRetryDelay(0.5, { slowRetryMs: 1_000 })).toBe(1_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('10', now)).toBe(10_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sat, 21 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
  });

  it('ignores what it cannot read, never goes negative, and caps at an hour', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('Sat, 21 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999', now)).toBe(MAX_SERVER_DELAY_MS);
  });
});
