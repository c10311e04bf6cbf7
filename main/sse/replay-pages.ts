/**
 * Replay pages by range, least recently used out, bounded in bytes. A page
 * is the frames of a fixed range of committed events, which never change, so
 * a reconnect storm (every screen after a hub restart, resuming from the
 * same few ids) builds each page once and every stream is sent the same
 * Buffer, never a copy.
 */
export class ReplayPages {
  readonly #pages = new Map<string, Buffer>();
  #bytes = 0;
  #epoch: string | undefined;

  /** `maxBytes`: the most the cache holds; a page bigger than that is never kept. */
  constructor(private readonly maxBytes: number) {}

  get(epoch: string, from: number, to: number): Buffer | undefined {
    if (epoch !== this.#epoch) return undefined;
    const key = `${from}:${to}`;
    const page = this.#pages.get(key);
    if (page) {
      // Refreshes its place: Map order is least recently used first.
      this.#pages.delete(key);
      this.#pages.set(key, page);
    }
    return page;
  }

  set(epoch: string, from: number, to: number, page: Buffer): void {
    if (epoch !== this.#epoch) {
      // Another history: every page kept belongs to the old one.
      this.#pages.clear();
      this.#bytes = 0;
      this.#epoch = epoch;
    }
    if (page.length > this.maxBytes) return;
    const key = `${from}:${to}`;
    const old = this.#pages.get(key);
    if (old) this.#bytes -= old.length;
    this.#pages.set(key, page);
    this.#bytes += page.length;
    for (const [k, p] of this.#pages) {
      if (this.#bytes <= this.maxBytes) break;
      this.#pages.delete(k);
      this.#bytes -= p.length;
    }
  }

  get bytes(): number {
    return this.#bytes;
  }
}
