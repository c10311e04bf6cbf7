import { describe, expect, it } from 'vitest';
import { afterAttempt } from '../../../main/relay/after-attempt.ts';
import { EventTooLargeError } from '../../../main/relay/event-stream-parser.ts';
import type { Outcome } from '../../../main/relay/upstream-connection.ts';

const ctx = { failures: 2, retryMs: undefined, random: () => 0.5, idleTimeoutMs: 45_000 };
const step = (outcome: Outcome) => {
  const { state, delayMs, counts, stop, report } = afterAttempt(outcome, ctx);
  return { state, delayMs, counts, stop, level: report?.level, reason: report?.reason };
};

describe('afterAttempt', () => {
  it.each<[Outcome, ReturnType<typeof step>]>([
    // Passing trouble: backoff (ceiling 4 s after two failures; jitter 0.5).
    [
      { kind: 'ended' },
      {
        state: 'reconnecting',
        delayMs: 2_000,
        counts: true,
        stop: undefined,
        level: 'info',
        reason: 'ended',
      },
    ],
    [
      { kind: 'network', error: 'connect ECONNREFUSED' },
      {
        state: 'reconnecting',
        delayMs: 2_000,
        counts: true,
        stop: undefined,
        level: 'warn',
        reason: 'connect ECONNREFUSED',
      },
    ],
    [
      { kind: 'timeout', phase: 'idle' },
      {
        state: 'reconnecting',
        delayMs: 2_000,
        counts: true,
        stop: undefined,
        level: 'warn',
        reason: 'no data for 45000 ms',
      },
    ],
    [
      { kind: 'timeout', phase: 'connect' },
      {
        state: 'reconnecting',
        delayMs: 2_000,
        counts: true,
        stop: undefined,
        level: 'warn',
        reason: 'no answer in time',
      },
    ],
    [
      { kind: 'failed', error: new EventTooLargeError(10, 25, true, 'snapshot') },
      {
        state: 'reconnecting',
        delayMs: 2_000,
        counts: true,
        stop: undefined,
        level: 'error',
        reason: 'a snapshot event of 25 bytes is larger than the limit of 10 bytes',
      },
    ],
    // Whatever the relay itself throws is one more reason to reconnect, never the end.
    [
      { kind: 'unexpected', error: new TypeError('Invalid character in header content') },
      {
        state: 'reconnecting',
        delayMs: 2_000,
        counts: true,
        stop: undefined,
        level: 'error',
        reason: 'unexpected: TypeError: Invalid character in header content',
      },
    ],
    [
      { kind: 'http', status: 500, retryAfterMs: undefined },
      {
        state: 'reconnecting',
        delayMs: 2_000,
        counts: true,
        stop: undefined,
        level: 'warn',
        reason: 'HTTP 500',
      },
    ],
    [
      { kind: 'http', status: 408, retryAfterMs: undefined },
      {
        state: 'reconnecting',
        delayMs: 2_000,
        counts: true,
        stop: undefined,
        level: 'warn',
        reason: 'HTTP 408',
      },
    ],
    [
      { kind: 'http', status: 429, retryAfterMs: 60_000 },
      {
        state: 'reconnecting',
        delayMs: 60_000,
        counts: true,
        stop: undefined,
        level: 'warn',
        reason: 'HTTP 429',
      },
    ],
    [
      { kind: 'http', status: 503, retryAfterMs: 100 },
      {
        state: 'reconnecting',
        delayMs: 2_000,
        counts: true,
        stop: undefined,
        level: 'warn',
        reason: 'HTTP 503',
      },
    ],
    // Will not fix itself: slowly, shown as offline.
    [
      { kind: 'http', status: 401, retryAfterMs: undefined },
      {
        state: 'offline',
        delayMs: 300_000,
        counts: true,
        stop: undefined,
        level: 'error',
        reason: 'HTTP 401',
      },
    ],
    [
      { kind: 'http', status: 403, retryAfterMs: undefined },
      {
        state: 'offline',
        delayMs: 300_000,
        counts: true,
        stop: undefined,
        level: 'error',
        reason: 'HTTP 403',
      },
    ],
    [
      { kind: 'http', status: 404, retryAfterMs: undefined },
      {
        state: 'offline',
        delayMs: 300_000,
        counts: true,
        stop: undefined,
        level: 'error',
        reason: 'HTTP 404',
      },
    ],
    [
      { kind: 'not-event-stream', contentType: 'text/html' },
      {
        state: 'offline',
        delayMs: 300_000,
        counts: true,
        stop: undefined,
        level: 'error',
        reason: 'answer is text/html, not text/event-stream',
      },
    ],
    [
      { kind: 'too-many-redirects' },
      {
        state: 'offline',
        delayMs: 300_000,
        counts: true,
        stop: undefined,
        level: 'error',
        reason: 'too many redirects',
      },
    ],
    // The server asks us to stop.
    [
      { kind: 'no-content' },
      { state: 'offline', delayMs: 0, counts: false, stop: true, level: 'warn', reason: 'HTTP 204' },
    ],
  ])('%j', (outcome, expected) => {
    expect(step(outcome)).toEqual(expected);
  });

  describe('after a request that resumed with Last-Event-ID', () => {
    const resumed = { ...ctx, resumed: true };
    const http = (status: number): Outcome => ({ kind: 'http', status, retryAfterMs: undefined });

    it.each([400, 404, 413, 414, 422, 431])(
      'drops the id on %i and asks again soon, for a snapshot',
      (status) => {
        expect(afterAttempt(http(status), resumed)).toMatchObject({
          state: 'reconnecting',
          delayMs: 2_000,
          counts: true,
          dropResumeId: true,
          report: { level: 'warn', reason: `HTTP ${status}` },
        });
      },
    );

    it.each([401, 403, 407, 408, 429, 500, 503])('keeps the id on %i, which is not about it', (status) => {
      expect(afterAttempt(http(status), resumed).dropResumeId).toBeUndefined();
    });

    it('keeps the id on a network fault or a clean end', () => {
      expect(afterAttempt({ kind: 'ended' }, resumed).dropResumeId).toBeUndefined();
      expect(afterAttempt({ kind: 'network', error: 'x' }, resumed).dropResumeId).toBeUndefined();
    });

    it('treats the same 4xx without an id as a misconfiguration: offline, slow retry', () => {
      expect(afterAttempt(http(431), ctx)).toMatchObject({ state: 'offline', delayMs: 300_000 });
      expect(afterAttempt(http(431), ctx).dropResumeId).toBeUndefined();
    });
  });

  it("bases the backoff on the feed's retry: value", () => {
    expect(afterAttempt({ kind: 'ended' }, { ...ctx, failures: 0, retryMs: 3_000 }).delayMs).toBe(1_500);
    // No more than the 30 s cap, whatever the feed asks for.
    expect(afterAttempt({ kind: 'ended' }, { ...ctx, failures: 0, retryMs: 3_600_000 }).delayMs).toBe(15_000);
  });
});
