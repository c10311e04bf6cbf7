import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import { type FreeBytes, diskFreeBytes, lowDiskReason } from './disk-space.ts';
import { PosterDownloadError } from './poster-fetch.ts';
import { type PosterType, sniffImage } from './sniff.ts';

export interface PosterCacheOptions {
  /** Folder of cached posters (the hub uses `DATA/posters/cache`); created if missing. */
  dir: string;
  /** Fetches one poster's bytes (the hub's checked download); throws saying why it could not. */
  download: (url: string, signal: AbortSignal) => Promise<Buffer>;
  /** A download that takes longer is abandoned. Default 15 s. */
  timeoutMs?: number;
  /** After a failed download (or one not saved), the same URL is not tried again for this long. Default 5 min. */
  retryAfterMs?: number;
  /** Most bytes the cache folder holds. Default 256 MiB. */
  maxBytes?: number;
  /** Most files it holds. Default 1,000. */
  maxFiles?: number;
  /** A poster is not saved if the disk would have less free than this. Default 128 MiB. */
  minFreeBytes?: number;
  /** Free space on the disk of `dir`. Default: `fs.statfs`. */
  freeBytes?: FreeBytes;
  /**
   * The URLs current records name. They are never evicted, and a download
   * for a URL no longer among them is not kept. Default: every URL is in use.
   */
  inUse?: () => ReadonlySet<string>;
  /** Clock. Default `Date.now`. */
  now?: () => number;
  log?: Logger;
}

export const DEFAULT_POSTER_CACHE_LIMITS = Object.freeze({
  maxBytes: 256 * 1024 * 1024,
  maxFiles: 1_000,
  minFreeBytes: 128 * 1024 * 1024,
});

export interface CachedPoster {
  /** File name inside the cache folder, `<hash>.<ext>`. */
  name: string;
  body: Buffer;
  type: PosterType;
}

interface Entry {
  name: string;
  size: number;
  /** Last served or saved, for least-recently-used eviction. */
  usedAt: number;
}

const NAME = /^([0-9a-f]{40})\.(png|jpg|webp)$/;

/** The cache key of a URL: its SHA-256, cut to 40 hex digits. */
export function posterKey(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 40);
}

/**
 * Posters named by an http(s) URL, downloaded once by the hub and kept in the
 * data folder, so screens never reach the internet and posters survive an
 * outage. A download is bounded in size and time and must be a PNG, JPEG or
 * WebP by its bytes. The folder is bounded too: by files and bytes (the least
 * recently used poster no record names goes first; one a record names never
 * does) and by the disk's free space. Concurrent requests for one URL share
 * one download; a failed URL rests before retrying.
 */
export class PosterCache {
  readonly dir: string;
  readonly #download: PosterCacheOptions['download'];
  readonly #timeoutMs: number;
  readonly #retryAfterMs: number;
  readonly #maxBytes: number;
  readonly #maxFiles: number;
  readonly #minFreeBytes: number;
  readonly #freeBytes: FreeBytes;
  readonly #inUse: (() => ReadonlySet<string>) | undefined;
  readonly #now: () => number;
  readonly #log: Logger | undefined;
  /** key → file on disk. */
  readonly #files = new Map<string, Entry>();
  #bytes = 0;
  readonly #pending = new Map<string, Promise<CachedPoster | undefined>>();
  readonly #failedAt = new Map<string, number>();
  readonly #aborts = new Set<AbortController>();
  /** Saves run one at a time, so two cannot both take the last free slot. */
  #saving: Promise<unknown> = Promise.resolve();
  #warmList: readonly string[] = [];
  #warming: Promise<void> | undefined;
  #closed = false;

  constructor(options: PosterCacheOptions) {
    this.dir = options.dir;
    this.#download = options.download;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#retryAfterMs = options.retryAfterMs ?? 5 * 60_000;
    this.#maxBytes = options.maxBytes ?? DEFAULT_POSTER_CACHE_LIMITS.maxBytes;
    this.#maxFiles = options.maxFiles ?? DEFAULT_POSTER_CACHE_LIMITS.maxFiles;
    this.#minFreeBytes = options.minFreeBytes ?? DEFAULT_POSTER_CACHE_LIMITS.minFreeBytes;
    this.#freeBytes = options.freeBytes ?? diskFreeBytes;
    this.#inUse = options.inUse;
    this.#now = options.now ?? Date.now;
    this.#log = options.log;
    mkdirSync(this.dir, { recursive: true });
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      // A write cut short by a crash; nothing else writes here.
      if (name.startsWith('.') && name.endsWith('.tmp')) unlinkSync(path);
      const m = NAME.exec(name);
      if (!m) continue;
      const stat = statSync(path);
      this.#files.set(m[1]!, { name, size: stat.size, usedAt: stat.mtimeMs });
      this.#bytes += stat.size;
    }
  }

  /** Whether `url` is on disk already. */
  has(url: string): boolean {
    return this.#files.has(posterKey(url));
  }

  /** Files and bytes on disk now. */
  get usage(): { files: number; bytes: number } {
    return { files: this.#files.size, bytes: this.#bytes };
  }

  /** The poster for `url`, from disk or downloaded now; `undefined` if it cannot be had (logged). */
  async get(url: string): Promise<CachedPoster | undefined> {
    const key = posterKey(url);
    const entry = this.#files.get(key);
    if (entry) {
      const body = await readFile(join(this.dir, entry.name)).catch(() => undefined);
      const type = body && sniffImage(body);
      if (body && type) {
        entry.usedAt = this.#now();
        return { name: entry.name, body, type };
      }
      // Gone or damaged on disk: forget it and fetch it again.
      this.#forget(key);
    }
    const pending = this.#pending.get(key);
    if (pending) return pending;
    if (this.#closed || this.#resting(key)) return undefined;
    const download = this.#fetch(url, key).finally(() => this.#pending.delete(key));
    this.#pending.set(key, download);
    return download;
  }

  /**
   * Downloads, one at a time in the background, every URL of `urls` not yet
   * cached nor resting after a failure. A later call replaces the list; the
   * promise settles when the list is done.
   */
  prefetch(urls: Iterable<string>): Promise<void> {
    this.#warmList = [...new Set(urls)];
    this.#warming ??= (async () => {
      for (;;) {
        const next = this.#warmList.find((u) => !this.has(u) && !this.#resting(posterKey(u)));
        if (next === undefined || this.#closed) return;
        await this.get(next);
      }
    })().finally(() => (this.#warming = undefined));
    return this.#warming;
  }

  /** Deletes cached posters whose URL is not in `keep` (nor downloading). Returns how many went. */
  async prune(keep: ReadonlySet<string>): Promise<number> {
    const wanted = new Set([...keep].map(posterKey));
    const gone = [...this.#files.keys()].filter((key) => !wanted.has(key) && !this.#pending.has(key));
    await Promise.all(gone.map((key) => this.#delete(key)));
    return gone.length;
  }

  /** Abandons downloads in flight; later calls find only what is on disk. */
  close(): void {
    this.#closed = true;
    for (const controller of this.#aborts) controller.abort();
  }

  #resting(key: string): boolean {
    const failed = this.#failedAt.get(key);
    return failed !== undefined && this.#now() - failed < this.#retryAfterMs;
  }

  async #fetch(url: string, key: string): Promise<CachedPoster | undefined> {
    const controller = new AbortController();
    this.#aborts.add(controller);
    const timer = setTimeout(() => controller.abort(new PosterDownloadError('timed out')), this.#timeoutMs);
    let body: Buffer;
    try {
      body = await this.#download(url, controller.signal);
    } catch (err) {
      this.#failedAt.set(key, this.#now());
      const reason = controller.signal.aborted ? String(controller.signal.reason ?? 'aborted') : String(err);
      this.#log?.warn('poster download failed', { url, error: reason });
      return undefined;
    } finally {
      clearTimeout(timer);
      this.#aborts.delete(controller);
    }
    const type = sniffImage(body);
    if (!type) {
      this.#failedAt.set(key, this.#now());
      this.#log?.warn('poster download failed', { url, error: 'not a PNG, JPEG or WebP image' });
      return undefined;
    }
    const poster = { name: `${key}.${type.ext}`, body, type };
    const saved = this.#saving.then(() => this.#save(url, key, poster));
    this.#saving = saved.catch(() => undefined);
    return saved;
  }

  async #save(url: string, key: string, poster: CachedPoster): Promise<CachedPoster | undefined> {
    if (this.#closed) return undefined;
    // Re-pointed while it downloaded: answer this request, keep nothing.
    if (this.#inUse && !this.#inUse().has(url)) return poster;
    const refused = this.#roomFor(key, poster.body.length) ?? (await this.#diskProblem(poster.body.length));
    if (refused) {
      this.#failedAt.set(key, this.#now());
      this.#log?.warn('poster not saved', { url, reason: refused });
      return undefined;
    }
    const tmp = join(this.dir, `.${poster.name}.${process.pid}.tmp`);
    try {
      await writeFile(tmp, poster.body);
      await rename(tmp, join(this.dir, poster.name));
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      this.#failedAt.set(key, this.#now());
      this.#log?.warn('poster not saved', { url, reason: String(err) });
      return undefined;
    }
    this.#files.set(key, { name: poster.name, size: poster.body.length, usedAt: this.#now() });
    this.#bytes += poster.body.length;
    this.#failedAt.delete(key);
    this.#log?.info('poster cached', { url, name: poster.name, bytes: poster.body.length });
    return poster;
  }

  /**
   * Makes room for `size` more bytes in one more file by evicting the least
   * recently used posters no record names; says why not when that is not enough.
   */
  #roomFor(key: string, size: number): string | undefined {
    const full = () => this.#files.size + 1 > this.#maxFiles || this.#bytes + size > this.#maxBytes;
    if (!full()) return undefined;
    const inUse = new Set([...(this.#inUse?.() ?? [])].map(posterKey));
    const evictable = [...this.#files]
      .filter(([k]) => k !== key && !inUse.has(k) && !this.#pending.has(k))
      .sort(([, a], [, b]) => a.usedAt - b.usedAt);
    for (const [k] of evictable) {
      if (!full()) break;
      void this.#delete(k);
    }
    if (!full()) return undefined;
    return (
      `the poster cache is full (${this.#files.size} files, ${this.#bytes} bytes; limits ` +
      `${this.#maxFiles} files, ${this.#maxBytes} bytes) and every poster in it is in use`
    );
  }

  #diskProblem(size: number): Promise<string | undefined> {
    return lowDiskReason(this.#freeBytes, this.dir, size, this.#minFreeBytes);
  }

  /** Drops `key` from the books at once; the file follows. */
  #forget(key: string): Entry | undefined {
    const entry = this.#files.get(key);
    if (!entry) return undefined;
    this.#files.delete(key);
    this.#bytes -= entry.size;
    return entry;
  }

  async #delete(key: string): Promise<void> {
    const entry = this.#forget(key);
    if (entry) await unlink(join(this.dir, entry.name)).catch(() => undefined);
  }
}
