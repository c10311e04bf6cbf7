import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../api/context.ts';
import type { Router } from '../api/router.ts';
import { type FreeBytes, diskFreeBytes } from './disk-space.ts';
import { DEFAULT_POSTER_CACHE_LIMITS, PosterCache } from './poster-cache.ts';
import { remoteFetchRules } from './fetch-rules.ts';
import { type Resolver, fetchPoster } from './poster-fetch.ts';
import { type PosterShelf, posterRoutes } from './poster-routes.ts';
import { type PosterSources, posterSources, remoteSource } from './poster-sources.ts';
import { MAX_POSTER_BYTES } from './sniff.ts';
import { uploadRoute } from './upload-route.ts';
import { Uploads } from './uploads.ts';

export interface PosterOptions {
  /**
   * Poster hosts fetched although they resolve to a private address: host
   * names (`posters.chain.vpn`), addresses or CIDR blocks (`10.8.0.0/16`).
   * The upstream's own origin is always allowed. Default none.
   */
  allowHosts?: readonly string[];
  /** Most bytes of remote posters kept in `DATA/posters/cache`. Default 256 MiB. */
  maxCacheBytes?: number;
  /** Most remote posters kept. Default 1,000. */
  maxCacheFiles?: number;
  /** A poster (uploaded or downloaded) is not saved if the disk would have less free than this. Default 128 MiB. */
  minFreeBytes?: number;
  /** Resolves poster host names. Default: the system resolver (`dns.lookup`, every address). */
  resolve?: Resolver;
  /** Which resolved addresses are refused. Default `isForbiddenAddress` (loopback, private, link-local, …). */
  isForbiddenAddress?: (ip: string) => boolean;
  /** Free bytes on the data folder's disk. Default: `fs.statfs`. */
  freeBytes?: FreeBytes;
}

export interface PosterDeps {
  ctx: AppContext;
  /** `DATA/posters`: uploads at the top, remote posters under `cache/`. */
  dir: string;
  /** The upstream feed's URL: its origin may serve posters from any address. Default none. */
  upstreamUrl?: string | undefined;
  /** PEM certificates of a private CA for https poster hosts, besides the public roots. Default none. */
  ca?: readonly string[] | undefined;
}

/**
 * Posters, one part: uploads, the cache of remote posters, their routes, and
 * the bookkeeping that keeps the folder to what the records name. After each
 * commit that touches films it deletes the files no record names any more
 * (and once at start-up, which repairs a crash between a commit and its
 * deletes) and fetches what is new in the background.
 */
export class Posters {
  readonly dir: string;
  readonly #ctx: AppContext;
  readonly #upstreamOrigin: string | undefined;
  readonly #cache: PosterCache;
  readonly #uploads: Uploads;
  #sources: PosterSources;
  #sweeps: Promise<unknown> = Promise.resolve();
  readonly #stop: () => void;

  constructor(deps: PosterDeps, options: PosterOptions = {}) {
    this.dir = deps.dir;
    this.#ctx = deps.ctx;
    const log = deps.ctx.log;
    this.#upstreamOrigin = deps.upstreamUrl === undefined ? undefined : new URL(deps.upstreamUrl).origin;
    const rules = remoteFetchRules(options, this.#upstreamOrigin, deps.ca, MAX_POSTER_BYTES);
    const freeBytes = options.freeBytes ?? diskFreeBytes;
    const minFreeBytes = options.minFreeBytes ?? DEFAULT_POSTER_CACHE_LIMITS.minFreeBytes;
    this.#sources = this.#read();
    this.#cache = new PosterCache({
      dir: join(this.dir, 'cache'),
      download: (url, signal) => fetchPoster(url, rules, signal),
      ...(options.maxCacheBytes !== undefined && { maxBytes: options.maxCacheBytes }),
      ...(options.maxCacheFiles !== undefined && { maxFiles: options.maxCacheFiles }),
      minFreeBytes,
      freeBytes,
      inUse: () => this.#sources.remote,
      log,
    });
    this.#uploads = new Uploads({
      dir: this.dir,
      isKept: (name) => this.#sources.files.has(name),
      minFreeBytes,
      freeBytes,
      log,
    });
    this.#stop = deps.ctx.store.onCommit((events) => {
      if (events.some((e) => e.type.startsWith('film.'))) this.#refresh();
    });
    this.#refresh();
  }

  /** The three poster routes: a film's remote poster, a poster file, the admin upload. */
  routes(router: Router): void {
    const shelf: PosterShelf = {
      dir: this.dir,
      cache: this.#cache,
      remoteOfFilm: (id) => {
        const film = this.#ctx.store.records.films.get(id);
        if (!film) return undefined;
        // A local overlay's poster (data issue) replaces the upstream's, as on the screens.
        const overlay = this.#ctx.store.overrides.get('film', id)?.posterUrl;
        return remoteSource(overlay ? { posterUrl: overlay, source: 'local' } : film, this.#upstreamOrigin);
      },
      remoteOfFile: (name) => this.#sources.upstream.get(name),
    };
    posterRoutes(router, this.#ctx, shelf);
    uploadRoute(router, this.#ctx, this.#uploads);
  }

  /** Stops following the store and abandons downloads; resolves once no file is being deleted. */
  async close(): Promise<void> {
    this.#stop();
    this.#cache.close();
    await this.#sweeps;
  }

  #read(): PosterSources {
    const overlays = this.#ctx.store.overrides.byId('film');
    // Both a film's own poster and a local overlay's are kept: clearing the overlay
    // brings the own one back on screen at once.
    const named = this.#ctx.store.records.films.all().flatMap((film) => {
      const overlay = overlays.get(film.id)?.posterUrl;
      return overlay ? [film, { posterUrl: overlay, source: 'local' as const }] : [film];
    });
    return posterSources(named, this.#upstreamOrigin);
  }

  /**
   * Runs inside the commit listener: reads the records now, touches the disk
   * later. It never throws: the commit it follows is in, and its writer (the
   * relay, a route) must not take a poster problem for a failed write.
   */
  #refresh(): void {
    try {
      this.#sources = this.#read();
    } catch (err) {
      this.#ctx.log.error('poster bookkeeping could not read the films', { error: String(err) });
      return;
    }
    this.#sweeps = this.#sweeps
      .then(() => Promise.all([this.#cache.prune(this.#sources.remote), this.#uploads.prune()]))
      .catch((err: unknown) => this.#ctx.log.error('poster clean-up failed', { error: String(err) }));
    // An upstream record's file that this hub has too (the demo's drawings) is served from here.
    const here = [...this.#sources.upstream].filter(([name]) => existsSync(join(this.dir, name)));
    const skip = new Set(here.map(([, url]) => url));
    void this.#cache.prefetch([...this.#sources.remote].filter((url) => !skip.has(url)));
  }
}
