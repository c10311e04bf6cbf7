import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import { type PosterType, sniffImage } from './sniff.ts';

export interface PosterCacheOptions {
  /** Folder of cached posters (the hub uses `DATA/posters/cache`); created if missing. */
  dir: string;
  /** Largest poster downloaded. Default 5 MiB. */
  maxBytes?: number;
  /** A download (headers and body) that takes longer is abandoned. Default 15 s. */
  timeoutMs?: number;
  /** After a failed download, the same URL is not tried again for this long. Default 5 min. */
  retryAfterMs?: number;
  /** Default: Node's `fetch`. */
  fetch?: typeof fetch;
  /** Clock. Default `Date.now`. */
  now?: () => number;
  log?: Logger;
}

export interface CachedPoster {
  /** File name inside the cache folder, `<hash>.<ext>`. */
  name: string;
  body: Buffer;
  type: PosterType;
}

const NAME = /^([0-9a-f]{40})\.(png|jpg|webp)$/;

/** The cache key of a URL: its SHA-256, cut to 40 hex digits. */
export function posterKey(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 40);
}

/** Why a download was refused; the message goes to the hub log. */
export class PosterDownloadError extends Error {
  override readonly name = 'PosterDownloadError';
}

/**
 * Posters named by an http(s) URL in the feed, downloaded once by the hub and
 * kept in the data folder, so screens never reach the internet and posters
 * survive an outage. A download is bounded in size and time and must be a
 * PNG, JPEG or WebP by its bytes (SVG is refused, as for uploads). Concurrent
 * requests for one URL share one download; a failed URL rests before retrying.
 */
export class PosterCache {
  readonly dir: string;
  readonly #maxBytes: number;
  readonly #timeoutMs: number;
  readonly #retryAfterMs: number;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #log: Logger | undefined;
  /** key → file name, for every poster on disk. */
  readonly #files = new Map<string, string>();
  readonly #pending = new Map<string, Promise<CachedPoster | undefined>>();
  readonly #failedAt = new Map<string, number>();
  readonly #aborts = new Set<AbortController>();
  #closed = false;

  constructor(options: PosterCacheOptions) {
    this.dir = options.dir;
    this.#maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#retryAfterMs = options.retryAfterMs ?? 5 * 60_000;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#now = options.now ?? Date.now;
    this.#log = options.log;
    mkdirSync(this.dir, { recursive: true });
    for (const name of readdirSync(this.dir)) {
      const m = NAME.exec(name);
      if (m) this.#files.set(m[1]!, name);
    }
  }

  /** Whether `url` is on disk already. */
  has(url: string): boolean {
    return this.#files.has(posterKey(url));
  }

  /** The poster for `url`, from disk or downloaded now; `undefined` if it cannot be had (logged). */
  async get(url: string): Promise<CachedPoster | undefined> {
    const key = posterKey(url);
    const name = this.#files.get(key);
    if (name) {
      const body = await readFile(join(this.dir, name)).catch(() => undefined);
      const type = body && sniffImage(body);
      if (body && type) return { name, body, type };
      // Gone or damaged on disk: forget it and fetch it again.
      this.#files.delete(key);
    }
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const failed = this.#failedAt.get(key);
    if (this.#closed || (failed !== undefined && this.#now() - failed < this.#retryAfterMs)) return undefined;
    const download = this.#download(url, key).finally(() => this.#pending.delete(key));
    this.#pending.set(key, download);
    return download;
  }

  /** Downloads every URL not yet cached, one at a time, in the background. */
  async prefetch(urls: Iterable<string>): Promise<void> {
    for (const url of new Set(urls)) {
      if (this.#closed) return;
      if (!this.has(url)) await this.get(url);
    }
  }

  /** Deletes cached posters whose URL is no longer in `keep`. Returns how many went. */
  async prune(keep: Iterable<string>): Promise<number> {
    const wanted = new Set([...keep].map(posterKey));
    let removed = 0;
    for (const [key, name] of [...this.#files]) {
      if (wanted.has(key)) continue;
      this.#files.delete(key);
      await unlink(join(this.dir, name)).catch(() => undefined);
      removed++;
    }
    return removed;
  }

  /** Abandons downloads in flight; later calls find only what is on disk. */
  close(): void {
    this.#closed = true;
    for (const controller of this.#aborts) controller.abort();
  }

  async #download(url: string, key: string): Promise<CachedPoster | undefined> {
    const controller = new AbortController();
    this.#aborts.add(controller);
    const timer = setTimeout(() => controller.abort(new PosterDownloadError('timed out')), this.#timeoutMs);
    try {
      const body = await this.#fetchBody(url, controller.signal);
      const type = sniffImage(body);
      if (!type) throw new PosterDownloadError('not a PNG, JPEG or WebP image');
      const name = `${key}.${type.ext}`;
      const tmp = join(this.dir, `.${name}.${process.pid}.tmp`);
      await writeFile(tmp, body);
      await rename(tmp, join(this.dir, name));
      this.#files.set(key, name);
      this.#failedAt.delete(key);
      this.#log?.info('poster cached', { url, name, bytes: body.length });
      return { name, body, type };
    } catch (err) {
      this.#failedAt.set(key, this.#now());
      const reason = controller.signal.aborted ? String(controller.signal.reason ?? 'aborted') : String(err);
      this.#log?.warn('poster download failed', { url, error: reason });
      return undefined;
    } finally {
      clearTimeout(timer);
      this.#aborts.delete(controller);
    }
  }

  async #fetchBody(url: string, signal: AbortSignal): Promise<Buffer> {
    if (!/^https?:\/\//i.test(url)) throw new PosterDownloadError('only http(s) posters are fetched');
    const res = await this.#fetch(url, {
      signal,
      redirect: 'follow',
      headers: { Accept: 'image/webp,image/png,image/jpeg;q=0.9' },
    });
    if (!res.ok || !res.body) throw new PosterDownloadError(`HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > this.#maxBytes) {
      await res.body.cancel();
      throw new PosterDownloadError(`${declared} bytes is more than ${this.#maxBytes}`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.#maxBytes) {
        await reader.cancel();
        throw new PosterDownloadError(`more than ${this.#maxBytes} bytes`);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks);
  }
}
