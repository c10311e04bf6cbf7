import { mediaPath } from '../../main/domain/media.ts';

/**
 * The player's own copies of hub media, as in-memory blobs: a page that
 * starts always has its file (prefetched while the page before it plays), and
 * a screen that loses the hub plays on from what it holds while the page
 * stays loaded. A plain-http LAN browser has no storage that survives a
 * reload; the kiosk's HTTP cache keeps the files across restarts.
 */
export class MediaCache {
  readonly #urls = new Map<string, string>();
  readonly #loading = new Map<string, Promise<string | undefined>>();
  readonly #fetch: typeof fetch;

  /** `fetcher`: how files are fetched. Default the page's `fetch`. */
  constructor(fetcher: typeof fetch = (...args) => fetch(...args)) {
    this.#fetch = fetcher;
  }

  /** The address to play `id` from: the held copy, else the hub (and a copy is fetched for next time). */
  src(id: string): string {
    const held = this.#urls.get(id);
    if (held) return held;
    void this.load(id);
    return mediaPath(id);
  }

  has(id: string): boolean {
    return this.#urls.has(id);
  }

  /** Fetches a copy of `id` unless one is held or on its way; resolves to its blob URL, or `undefined` on failure. */
  load(id: string): Promise<string | undefined> {
    const held = this.#urls.get(id);
    if (held) return Promise.resolve(held);
    let loading = this.#loading.get(id);
    if (!loading) {
      loading = this.#fetch(mediaPath(id))
        .then(async (res) => {
          if (!res.ok) return undefined;
          const url = URL.createObjectURL(await res.blob());
          this.#urls.set(id, url);
          return url;
        })
        .catch(() => undefined)
        .finally(() => this.#loading.delete(id));
      this.#loading.set(id, loading);
    }
    return loading;
  }

  /** Drops copies no page uses any more. */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const [id, url] of this.#urls) {
      if (ids.has(id)) continue;
      URL.revokeObjectURL(url);
      this.#urls.delete(id);
    }
  }
}
