import type { MediaFetch } from '../domain/lobby-requests.ts';

/** How feed-named media the hub could not fetch is tried again. */
export interface MediaRetryOptions {
  /** Ceiling of the first retry's delay. Default 10 s. */
  baseMs?: number;
  /** Largest ceiling, however many failures: a file is tried at least this often. Default 15 min. */
  capMs?: number;
  /** A number in [0, 1) for the jitter. Default `Math.random`. */
  random?: () => number;
}

export const DEFAULT_MEDIA_RETRY = Object.freeze({ baseMs: 10_000, capMs: 15 * 60_000 });

/**
 * The delay before retry number `failures` (1 after the first failure): the
 * ceiling doubles per failure up to the cap, and the delay is drawn from its
 * upper half, so hubs that failed together spread out yet none comes back
 * at once to a server that just refused it.
 */
export function mediaRetryDelay(failures: number, random: number, options: MediaRetryOptions = {}): number {
  const { baseMs, capMs } = { ...DEFAULT_MEDIA_RETRY, ...options };
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

interface Entry extends MediaFetch {
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * The feed-named files the hub lacks: `pending` until the first attempt ends,
 * then `failed` with the reason and when it is tried again, until the file is
 * in or its record is gone. One timer per failed file calls `retry`.
 */
export class MediaFetches {
  readonly #entries = new Map<string, Entry>();
  readonly #options: MediaRetryOptions;
  readonly #random: () => number;
  readonly #retry: () => void;

  constructor(retry: () => void, options: MediaRetryOptions = {}) {
    this.#retry = retry;
    this.#options = options;
    this.#random = options.random ?? Math.random;
  }

  /** Whether `id` may be fetched now: not waiting out a delay. Marks it pending when first seen. */
  due(id: string, now: number): boolean {
    const e = this.#entries.get(id);
    if (!e) {
      this.#entries.set(id, { state: 'pending', attempts: 0 });
      return true;
    }
    return e.retryAt === undefined || Date.parse(e.retryAt) <= now;
  }

  /** The file is in (or no longer wanted): forget it. */
  done(id: string): void {
    clearTimeout(this.#entries.get(id)?.timer);
    this.#entries.delete(id);
  }

  /** An attempt failed: say why, and try again after the backoff. */
  failed(id: string, reason: string, now: number): void {
    const prev = this.#entries.get(id);
    clearTimeout(prev?.timer);
    const attempts = (prev?.attempts ?? 0) + 1;
    const delay = mediaRetryDelay(attempts, this.#random(), this.#options);
    const timer = setTimeout(() => this.#retry(), delay);
    timer.unref?.();
    this.#entries.set(id, {
      state: 'failed',
      attempts,
      reason,
      retryAt: new Date(now + delay).toISOString(),
      timer,
    });
  }

  /** Drops every entry whose id is not in `wanted` (records gone, files in). */
  keepOnly(wanted: ReadonlySet<string>): void {
    for (const id of this.#entries.keys()) if (!wanted.has(id)) this.done(id);
  }

  get(id: string): MediaFetch | undefined {
    const e = this.#entries.get(id);
    if (!e) return undefined;
    const { timer: _timer, ...shown } = e;
    return shown;
  }

  /** How many files are waiting for their first attempt, and how many failed. */
  counts(): { pending: number; failed: number } {
    let pending = 0;
    for (const e of this.#entries.values()) if (e.state === 'pending') pending++;
    return { pending, failed: this.#entries.size - pending };
  }

  close(): void {
    for (const e of this.#entries.values()) clearTimeout(e.timer);
  }
}
