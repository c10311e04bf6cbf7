import { join } from 'node:path';
import type { Media } from '../domain/media.ts';
import { mediaPath } from '../domain/media.ts';
import type { AppContext } from '../api/context.ts';
import type { Router } from '../api/router.ts';
import { type FreeBytes, diskFreeBytes, lowDiskReason } from '../posters/disk-space.ts';
import { type RemoteFetchOptions, remoteFetchRules } from '../posters/fetch-rules.ts';
import { fetchPoster } from '../posters/poster-fetch.ts';
import type { MediaFetch } from '../domain/lobby-requests.ts';
import type { MediaHealth } from '../domain/status.ts';
import { MediaFetches, type MediaRetryOptions } from './media-fetches.ts';
import { MediaFiles } from './media-files.ts';
import { DEFAULT_MEDIA_LIMITS, type MediaLimits, capOf, megabytes, quotaProblem } from './media-limits.ts';
import { mediaRoutes } from './media-routes.ts';
import { sniffMedia } from './sniff-media.ts';

export interface MediaOptions extends Partial<MediaLimits> {
  /** Who may be fetched from: the posters' rules (allow list, resolver, address filter). Default theirs. */
  fetch?: RemoteFetchOptions | undefined;
  /** A file is not saved if the disk would have less free than this. Default 128 MiB (as posters). */
  minFreeBytes?: number | undefined;
  /** Free bytes on the data folder's disk. Default: `fs.statfs`. */
  freeBytes?: FreeBytes | undefined;
  /** How a failed fetch is retried. Default `DEFAULT_MEDIA_RETRY` (10 s doubling to 15 min, jittered). */
  retry?: MediaRetryOptions | undefined;
}

export interface MediaDeps {
  ctx: AppContext;
  /** `DATA/media`. */
  dir: string;
  /** The upstream feed's URL: an upstream record without `sourceUrl` is fetched from its `/media/<id>`. Default none. */
  upstreamUrl?: string | undefined;
  /** PEM certificates of a private CA, besides the public roots. Default none. */
  ca?: readonly string[] | undefined;
}

/**
 * The lobby's media library, one part: the folder, the admin upload, serving
 * with validators, and keeping the folder to what the records name. After
 * each commit that touches media it deletes files no record names and fetches
 * (in the background, one at a time) the feed-named ones it lacks, so screens
 * play them offline and never reach the internet themselves. A fetch that
 * fails is tried again with backoff (`MediaFetches`), its reason shown to
 * staff and counted in health.
 */
export class MediaLibrary {
  readonly files: MediaFiles;
  readonly limits: MediaLimits;
  readonly #ctx: AppContext;
  readonly #upstreamOrigin: string | undefined;
  readonly #fetch: (url: string, maxBytes: number, signal: AbortSignal) => Promise<Buffer>;
  readonly #abort = new AbortController();
  readonly #stop: () => void;
  /** Bytes of uploads being written, counted against the quota until they are in. */
  #reserved = 0;
  #sync: Promise<unknown> = Promise.resolve();
  readonly #freeBytes: FreeBytes;
  readonly #minFreeBytes: number;
  readonly #fetches: MediaFetches;

  constructor(deps: MediaDeps, options: MediaOptions = {}) {
    this.#ctx = deps.ctx;
    this.files = new MediaFiles(deps.dir);
    const { fetch: fetchOptions, minFreeBytes, freeBytes, retry, ...limits } = options;
    this.#fetches = new MediaFetches(() => this.#refresh(), retry);
    this.#freeBytes = freeBytes ?? diskFreeBytes;
    this.#minFreeBytes = minFreeBytes ?? 128 * 1024 * 1024;
    this.limits = { ...DEFAULT_MEDIA_LIMITS, ...limits };
    this.#upstreamOrigin = deps.upstreamUrl === undefined ? undefined : new URL(deps.upstreamUrl).origin;
    this.#fetch = (url, maxBytes, signal) =>
      fetchPoster(url, remoteFetchRules(fetchOptions ?? {}, this.#upstreamOrigin, deps.ca, maxBytes), signal);
    this.#stop = deps.ctx.store.onCommit((events) => {
      if (events.some((e) => e.type.startsWith('media.'))) this.#refresh();
    });
    this.#refresh();
  }

  routes(router: Router): void {
    mediaRoutes(router, this.#ctx, this);
  }

  /** Why `bytes` more do not fit, counting uploads in progress (`held` of them this one's own); `undefined` when they do. */
  quotaProblem(bytes: number, held = 0): string | undefined {
    return quotaProblem(this.limits, this.files.usedBytes + this.#reserved - held, bytes);
  }

  /** Why `bytes` must not be written to the disk now (the database keeps its room), or `undefined`. */
  diskProblem(bytes: number): Promise<string | undefined> {
    return lowDiskReason(this.#freeBytes, this.files.dir, bytes, this.#minFreeBytes);
  }

  /**
   * A hold on the quota for an upload in progress: `set` it to the bytes
   * received so far (other uploads count them), `release` it once the file
   * is in the folder or gone.
   */
  hold(): { readonly bytes: number; set(bytes: number): void; release(): void } {
    let held = 0;
    return {
      get bytes() {
        return held;
      },
      set: (bytes) => {
        this.#reserved += bytes - held;
        held = bytes;
      },
      release: () => {
        this.#reserved -= held;
        held = 0;
      },
    };
  }

  /** Resolves once background work (fetches, deletes) queued so far is done. */
  settled(): Promise<unknown> {
    return this.#sync;
  }

  async close(): Promise<void> {
    this.#stop();
    this.#abort.abort();
    this.#fetches.close();
    await this.#sync;
  }

  /** Why a feed-named file is not on the hub yet, or `undefined` when it is (or was uploaded). */
  fetchOf(media: Media): MediaFetch | undefined {
    if (this.files.get(media.id) || !this.#remoteOf(media)) return undefined;
    return this.#fetches.get(media.id) ?? { state: 'pending', attempts: 0 };
  }

  /** For `/api/health`: feed-named files waiting for their first fetch, and failed ones being retried. */
  health(): MediaHealth {
    return this.#fetches.counts();
  }

  /** Where the hub fetches a record's bytes from, if anywhere. */
  #remoteOf(media: Media): string | undefined {
    if (media.sourceUrl) return media.sourceUrl;
    if (media.source === 'upstream' && this.#upstreamOrigin)
      return new URL(mediaPath(media.id), this.#upstreamOrigin).href;
    return undefined;
  }

  /** Runs inside the commit listener: reads now, touches the disk and network later; never throws. */
  #refresh(): void {
    let records: Media[];
    try {
      records = this.#ctx.store.records.media.all();
    } catch (err) {
      this.#ctx.log.error('media bookkeeping could not read the records', { error: String(err) });
      return;
    }
    this.#sync = this.#sync
      .then(() => this.#reconcile(records))
      .catch((err: unknown) => this.#ctx.log.error('media bookkeeping failed', { error: String(err) }));
  }

  async #reconcile(records: readonly Media[]): Promise<void> {
    const named = new Set(records.map((m) => m.id));
    for (const id of this.files.ids()) if (!named.has(id)) await this.files.remove(id);
    const missing = records.filter((m) => !this.files.get(m.id) && this.#remoteOf(m));
    this.#fetches.keepOnly(new Set(missing.map((m) => m.id)));
    for (const media of missing) {
      if (this.#abort.signal.aborted) return;
      const url = this.#remoteOf(media);
      if (url && this.#fetches.due(media.id, Date.now())) await this.#download(media, url);
    }
  }

  async #download(media: Media, url: string): Promise<void> {
    const log = this.#ctx.log;
    try {
      const body = await this.#fetch(url, capOf(this.limits, media.type), this.#abort.signal);
      const type = sniffMedia(body);
      if (type !== media.type) {
        log.warn('media not stored: its bytes are not what the record says', {
          id: media.id,
          record: media.type,
          bytes: type ?? 'unknown',
        });
        this.#failed(media.id, `the file is ${type ?? 'of no accepted type'}, not ${media.type}`);
        return;
      }
      const full = this.quotaProblem(body.length) ?? (await this.diskProblem(body.length));
      if (full) {
        log.warn(`media ${media.id} (${megabytes(body.length)}) not stored: ${full}`);
        this.#failed(media.id, full);
        return;
      }
      await this.files.write(media.id, body);
      this.#fetches.done(media.id);
      // The record may have gone while the download ran.
      if (!this.#ctx.store.records.media.get(media.id)) await this.files.remove(media.id);
    } catch (err) {
      if (this.#abort.signal.aborted) return;
      const reason = err instanceof Error ? err.message : String(err);
      this.#failed(media.id, reason);
      log.warn('media could not be fetched; the hub tries again with backoff', {
        id: media.id,
        url,
        error: reason,
        retryAt: this.#fetches.get(media.id)?.retryAt,
      });
    }
  }

  #failed(id: string, reason: string): void {
    if (!this.#abort.signal.aborted) this.#fetches.failed(id, reason, Date.now());
  }
}

export const mediaDir = (dataDir: string): string => join(dataDir, 'media');
