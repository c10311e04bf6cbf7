/** A place reserved for one password hash; `run` or `cancel` it exactly once. */
export interface HashSlot {
  /** Waits for a free slot (first come, first served), then runs `fn` in it. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Gives the place back unused. */
  cancel(): void;
}

/**
 * Password hashes running at once, hub-wide, and how many may wait for one.
 * Each scrypt check takes 128 MiB and a third of a CPU-second on libuv's
 * thread pool, which file reads (posters) share; unbounded, a flood of
 * sign-ins fills memory and stalls every read behind it.
 */
export class HashSlots {
  #running = 0;
  /** Places handed out and not yet running: waiting for a slot, or for their address's turn. */
  #reserved = 0;
  readonly #queue: (() => void)[] = [];

  /**
   * @param maxRunning hashes at once. Default 2 (half the thread pool; the other half serves files).
   * @param maxWaiting reserved places beyond those. Default 8.
   */
  constructor(
    readonly maxRunning = 2,
    readonly maxWaiting = 8,
  ) {}

  get running(): number {
    return this.#running;
  }

  /**
   * A place for one hash, or `undefined` when every slot and every waiting
   * place is taken. Synchronous, so a request is refused before anything is hashed.
   */
  reserve(): HashSlot | undefined {
    if (this.#running + this.#reserved >= this.maxRunning + this.maxWaiting) return undefined;
    this.#reserved++;
    let used = false;
    const take = () => {
      if (used) throw new Error('a hash slot is used once');
      used = true;
    };
    return {
      run: async <T>(fn: () => Promise<T>): Promise<T> => {
        take();
        await this.#acquire();
        try {
          return await fn();
        } finally {
          this.#release();
        }
      },
      cancel: () => {
        take();
        this.#reserved--;
      },
    };
  }

  #acquire(): Promise<void> {
    const start = () => {
      this.#reserved--;
      this.#running++;
    };
    if (this.#running < this.maxRunning) {
      start();
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.#queue.push(() => {
        start();
        resolve();
      }),
    );
  }

  #release(): void {
    this.#running--;
    // Handed over synchronously, so a newcomer cannot overtake the queue.
    this.#queue.shift()?.();
  }
}
