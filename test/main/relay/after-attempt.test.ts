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
      { kind: 'failed', error: new EventTooLargeError(10) },
      {
        state: 'reconnecting',
        delayMs: 2_000,
        counts: true,
        stop: undefined,
        level: 'error',
        reason: 'an event grew past 10 bytes without ending',
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

  it("bases the backoff on the feed's retry: value", () => {
    expect(afterAttempt({ kind: 'ended' }, { ...ctx, failures: 0, retryMs: 3_000 }).delayMs).toBe(1_500);
  });
});
