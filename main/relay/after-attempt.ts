import type { UpstreamState } from '../domain/status.ts';
import { type BackoffOptions, backoffDelay, slowRetryDelay } from './backoff.ts';
import { EventTooLargeError } from './event-stream-parser.ts';
import type { Outcome } from './upstream-connection.ts';

/** What the relay does once an attempt has ended. */
export interface NextStep {
  /** The link state to show while waiting. */
  state: UpstreamState;
  delayMs: number;
  /** The attempt counts as a failure (the next backoff grows). */
  counts: boolean;
  /** Never try again (until restart). */
  stop?: true;
  /** Forget the stored resume id: the next attempt goes without `Last-Event-ID`, for a fresh snapshot. */
  dropResumeId?: true;
  /** What to tell the operator; `reason` also decides when a repeat may be left out. */
  report?: { level: 'info' | 'warn' | 'error'; message: string; reason: string };
}

export interface AttemptContext {
  /** Failed attempts in a row before this one. */
  failures: number;
  /** The feed's latest `retry:`, if any. */
  retryMs: number | undefined;
  /** In [0, 1). */
  random: () => number;
  idleTimeoutMs: number;
  backoff?: BackoffOptions | undefined;
  /** The attempt sent a `Last-Event-ID`. Default false. */
  resumed?: boolean;
}

/** Refusals that are about who we are or how often we ask, not about what we sent. */
const NOT_ABOUT_THE_ID = new Set([401, 403, 407, 408, 429]);

/**
 * The reconnection policy, pure: passing trouble (network, 5xx, silence, a
 * clean end) is retried soon with backoff and shows as `reconnecting`; an
 * answer that will not fix itself (401, 403, other 4xx, not an event stream)
 * is retried slowly and shows as `offline`; 204 stops, as it does for
 * EventSource. A 4xx to a request that resumed (431 for an id too large for
 * its header, 400 for one it cannot read) may be about the id alone: that id
 * is dropped and the next try, soon, asks for a snapshot instead. Dropping
 * it costs one snapshot at worst, and keeping it could cost the link for good.
 */
export function afterAttempt(outcome: Outcome, ctx: AttemptContext): NextStep {
  const soon = (atLeastMs = 0) =>
    Math.max(atLeastMs, backoffDelay(ctx.failures, ctx.retryMs, ctx.random(), ctx.backoff));
  const slow = () => slowRetryDelay(ctx.random(), ctx.backoff);
  const retrySoon = (
    level: 'info' | 'warn' | 'error',
    message: string,
    reason: string,
    atLeastMs?: number,
  ) => ({
    state: 'reconnecting' as const,
    delayMs: soon(atLeastMs),
    counts: true,
    report: { level, message, reason },
  });
  const retrySlowly = (message: string, reason: string) => ({
    state: 'offline' as const,
    delayMs: slow(),
    counts: true,
    report: { level: 'error' as const, message, reason },
  });

  switch (outcome.kind) {
    case 'ended':
      return retrySoon('info', 'upstream ended the stream; reconnecting', 'ended');
    case 'network':
      return retrySoon('warn', 'upstream connection lost', outcome.error);
    case 'timeout':
      return retrySoon(
        'warn',
        'upstream connection lost',
        outcome.phase === 'idle' ? `no data for ${ctx.idleTimeoutMs} ms` : 'no answer in time',
      );
    case 'failed':
      return retrySoon(
        'error',
        'upstream connection lost',
        outcome.error instanceof EventTooLargeError
          ? outcome.error.message
          : `could not apply: ${String(outcome.error)}`,
      );
    case 'unexpected':
      return retrySoon(
        'error',
        'upstream relay hit an unexpected error; reconnecting',
        `unexpected: ${String(outcome.error)}`,
      );
    case 'http': {
      const reason = `HTTP ${outcome.status}`;
      if (outcome.status === 401 || outcome.status === 403) {
        return retrySlowly('upstream refused our credentials', reason);
      }
      if (outcome.status >= 500 || outcome.status === 429 || outcome.status === 408) {
        return retrySoon('warn', 'upstream unavailable', reason, outcome.retryAfterMs);
      }
      if (ctx.resumed && outcome.status < 500 && !NOT_ABOUT_THE_ID.has(outcome.status)) {
        return {
          ...retrySoon('warn', 'upstream refused our Last-Event-ID; asking for a snapshot instead', reason),
          dropResumeId: true,
        };
      }
      return retrySlowly('upstream answered with an error', reason);
    }
    case 'not-event-stream':
      return retrySlowly(
        'upstream URL is not an event stream',
        `answer is ${outcome.contentType || 'untyped'}, not text/event-stream`,
      );
    case 'too-many-redirects':
      return retrySlowly('upstream URL is not an event stream', 'too many redirects');
    case 'no-content':
      return {
        state: 'offline',
        delayMs: 0,
        counts: false,
        stop: true,
        report: {
          level: 'warn',
          message: 'upstream answered 204 No Content: it asks us to stop; not reconnecting until restart',
          reason: 'HTTP 204',
        },
      };
    case 'aborted':
      return { state: 'offline', delayMs: 0, counts: false, stop: true };
  }
}
