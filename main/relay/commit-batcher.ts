/**
 * When the relay commits what it has queued. Every commit is one SQLite
 * transaction and, with `synchronous=FULL`, one fsync; that fsync, not the
 * CPU, is what a seat-sale burst pays for. node:http hands over each HTTP
 * chunk of the feed as its own 'data' event, all of them in one go when a
 * socket read brought many, so committing per chunk pays one fsync per chunk:
 * a relay that fell behind once (a busy CPU, a slow disk) then stays behind
 * for the rest of the burst. Committing once the chunks at hand are parsed
 * (`setImmediate`: after this turn's reads) makes the batch as large as the
 * backlog, so a relay that falls behind catches up instead.
 *
 * A batch is still bounded: at `maxEvents`, or once its first event has
 * waited `maxDelayMs`, it is committed at once, before the next chunk.
 */

export interface CommitBatcherOptions {
  /** A batch this large is committed at once. Default 1,000 events. */
  maxEvents?: number;
  /** A batch whose first event waited this long is committed at once. Default 25 ms. */
  maxDelayMs?: number;
  /** Monotonic clock in ms. Default `performance.now`. */
  now?: () => number;
}

export const DEFAULT_COMMIT_BATCH: Readonly<Required<Omit<CommitBatcherOptions, 'now'>>> = Object.freeze({
  maxEvents: 1_000,
  maxDelayMs: 25,
});

export class CommitBatcher {
  readonly #commit: () => void;
  readonly #onError: (err: unknown) => void;
  readonly #maxEvents: number;
  readonly #maxDelayMs: number;
  readonly #now: () => number;
  #pending = 0;
  #since = 0;
  #immediate: NodeJS.Immediate | undefined;

  /**
   * @param commit commits everything queued; may throw
   * @param onError receives what a commit run later (not inside `queued`) threw
   */
  constructor(commit: () => void, onError: (err: unknown) => void, options: CommitBatcherOptions = {}) {
    this.#commit = commit;
    this.#onError = onError;
    this.#maxEvents = options.maxEvents ?? DEFAULT_COMMIT_BATCH.maxEvents;
    this.#maxDelayMs = options.maxDelayMs ?? DEFAULT_COMMIT_BATCH.maxDelayMs;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Events waiting for their commit. */
  get pending(): number {
    return this.#pending;
  }

  /** `count` more events were queued: commit them soon, or now (throwing what the commit throws) when the batch is full or old. */
  queued(count: number): void {
    if (count <= 0) return;
    if (this.#pending === 0) this.#since = this.#now();
    this.#pending += count;
    if (this.#pending >= this.#maxEvents || this.#now() - this.#since >= this.#maxDelayMs) this.flush();
    else this.#immediate ??= setImmediate(() => this.#later());
  }

  /** Commits what is pending now; throws what the commit throws. */
  flush(): void {
    this.cancel();
    if (this.#pending === 0) return;
    this.#pending = 0;
    this.#commit();
  }

  /** Forgets the scheduled commit (what is queued stays queued). */
  cancel(): void {
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#immediate = undefined;
  }

  #later(): void {
    this.#immediate = undefined;
    try {
      this.flush();
    } catch (err) {
      this.#onError(err);
    }
  }
}
