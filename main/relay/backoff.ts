/**
 * When to try the upstream again. Pure, so the policy is tested without clocks.
 *
 * Exponential backoff with full jitter (a random delay between 0 and the
 * ceiling): when a head office restarts, hundreds of venue hubs must not all
 * knock at once. The ceiling starts at the feed's own `retry:` suggestion and
 * doubles with each failure in a row, up to a cap.
 */

export interface BackoffOptions {
  /** First ceiling when the feed never sent `retry:`. Default 1,000 ms. */
  baseMs?: number;
  /** Largest ceiling, however many failures. Default 30,000 ms. */
  capMs?: number;
  /** Delay after an answer that will not fix itself soon (401, 403, 404, not an event stream). Default 5 min. */
  slowRetryMs?: number;
}

export const DEFAULT_BACKOFF: Readonly<Required<BackoffOptions>> = Object.freeze({
  baseMs: 1_000,
  capMs: 30_000,
  slowRetryMs: 5 * 60_000,
});

/** A server asking for more than this with `Retry-After` is capped here. (`retry:` is capped at `capMs`.) */
export const MAX_SERVER_DELAY_MS = 60 * 60_000;

/**
 * The delay before the next attempt.
 * @param failures attempts in a row that ended without delivering an event (0 after a healthy stream ended)
 * @param retryMs the feed's latest `retry:` value, if any; it replaces `baseMs`, up to `capMs`: a feed
 *   cannot keep a hub away for longer than a network fault would
 * @param random a number in [0, 1)
 */
export function backoffDelay(
  failures: number,
  retryMs: number | undefined,
  random: number,
  options: BackoffOptions = {},
): number {
  const { baseMs, capMs } = { ...DEFAULT_BACKOFF, ...options };
  const base = Math.min(retryMs ?? baseMs, capMs);
  const ceiling = Math.min(capMs, base * 2 ** Math.min(failures, 30));
  return Math.floor(random * ceiling);
}

/**
 * The slow retry: a fixed interval with ±10 % jitter, so it still spreads out
 * but never comes back within seconds to a server that refused us.
 */
export function slowRetryDelay(random: number, options: BackoffOptions = {}): number {
  const { slowRetryMs } = { ...DEFAULT_BACKOFF, ...options };
  return Math.round(slowRetryMs * (0.9 + 0.2 * random));
}

/**
 * `Retry-After` (seconds or an HTTP date) in milliseconds, or `undefined`
 * when absent or unreadable. Capped at `MAX_SERVER_DELAY_MS`.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // HTTP dates are always in GMT; anything else (Date.parse reads "-5" as a year) is not one.
    const at = /GMT$/.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, ms), MAX_SERVER_DELAY_MS);
}
