import type { Status, UpstreamState } from '../domain/status.ts';
import type { Logger } from '../log.ts';
import { trustedCa } from '../trusted-ca.ts';
import { UPSTREAM_ID_KEY, type Store } from '../store/store.ts';
import { type NextStep, afterAttempt } from './after-attempt.ts';
import { type BackoffOptions, MAX_SERVER_DELAY_MS } from './backoff.ts';
import { DEFAULT_MAX_EVENT_BYTES, EventStreamParser } from './event-stream-parser.ts';
import { type ApplierStats, FeedApplier } from './feed-applier.ts';
import { LogThrottle } from './log-throttle.ts';
import { type Outcome, type StreamAttempt, openStream } from './upstream-connection.ts';

/** The upstream feed a hub follows. */
export interface UpstreamOptions {
  /** The feed's event-stream URL (http or https); for Mercure, the hub URL with its `topic` query. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`. Default none. */
  token?: string;
  /** Extra request headers, e.g. an API key. Default none. */
  headers?: Readonly<Record<string, string>>;
  /** A stream silent this long (not even a comment) is taken for dead and reopened. Default 45,000 ms. */
  idleTimeoutMs?: number;
  /** Longest wait for response headers. Default 15,000 ms. */
  connectTimeoutMs?: number;
  /** An event larger than this is cut off and the connection reopened. Default 16 MiB. */
  maxEventBytes?: number;
  /** Reconnection delays; see `BackoffOptions` for defaults. */
  backoff?: BackoffOptions;
  /** PEM certificates of a private CA an https feed may chain to, besides Node's bundled roots. Default none. */
  ca?: readonly string[];
}

export interface RelayDeps {
  store: Store;
  log: Logger;
  /** Receives every change of state or freshness (the hub's `setStatus`). */
  onStatus: (status: Status) => void;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Monotonic clock in ms. Default `performance.now`. */
  now?: () => number;
}

export interface RelayStats extends ApplierStats {
  /** Attempts to connect, since start. */
  attempts: number;
  /** Attempts that opened the stream. */
  connections: number;
  /** Body bytes received, comments and heartbeats included. */
  bytes: number;
  /** Waits scheduled before another attempt, and the length of the latest one. */
  retries: number;
  lastRetryDelayMs: number | undefined;
}

/** Meta key of the time the last upstream event was applied, so freshness survives a restart. */
export const UPSTREAM_EVENT_AT_KEY = 'upstream.lastEventAt';
/** Meta key of the URL the stored upstream id belongs to; another URL starts afresh. */
export const UPSTREAM_URL_KEY = 'upstream.url';

const SENSITIVE = ['authorization', 'cookie', 'proxy-authorization'];

/** `Last-Event-ID` on the wire: header values are bytes, so the UTF-8 of the id, one byte per char. */
export function lastEventIdHeader(id: string): string {
  return Buffer.from(id, 'utf8').toString('latin1');
}

/**
 * Follows an upstream feed for as long as the hub runs: connects, applies
 * events, and reconnects after any failure with backoff, resuming from the id
 * stored with the last change it applied.
 */
export class UpstreamRelay {
  readonly #options: UpstreamOptions;
  readonly #url: URL;
  readonly #store: Store;
  readonly #log: Logger;
  readonly #onStatus: (status: Status) => void;
  readonly #random: () => number;
  /** Node's roots plus the configured private CA; computed once, not per reconnect. */
  readonly #ca: readonly string[] | undefined;
  readonly #now: () => number;
  readonly #applier: FeedApplier;
  #state: UpstreamState = 'connecting';
  #lastEventAt: string | null;
  #retryMs: number | undefined;
  #attempt: StreamAttempt | undefined;
  #sleep: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  #attempts = 0;
  #connections = 0;
  #bytes = 0;
  #retries = 0;
  #lastRetryDelayMs: number | undefined;
  #lastFailure: { reason: string; at: number } | undefined;

  constructor(options: UpstreamOptions, deps: RelayDeps) {
    this.#options = options;
    this.#url = new URL(options.url);
    if (this.#url.protocol !== 'http:' && this.#url.protocol !== 'https:') {
      throw new Error(`upstream URL must be http:// or https://, not ${this.#url.protocol}`);
    }
    this.#store = deps.store;
    this.#log = deps.log;
    this.#onStatus = deps.onStatus;
    this.#random = deps.random ?? (() => Math.random());
    this.#ca = trustedCa(options.ca);
    this.#now = deps.now ?? (() => performance.now());
    this.#lastEventAt = this.#store.meta.get(UPSTREAM_EVENT_AT_KEY) ?? null;
    this.#applier = new FeedApplier({
      store: this.#store,
      log: this.#log,
      warn: new LogThrottle(this.#log, { now: this.#now }),
      meta: () => this.#commitMeta(),
    });
  }

  get #idleTimeoutMs(): number {
    return this.#options.idleTimeoutMs ?? 45_000;
  }

  get state(): UpstreamState {
    return this.#state;
  }

  status(): Status {
    return { upstream: this.#state, lastUpstreamEventAt: this.#lastEventAt };
  }

  stats(): RelayStats {
    return {
      ...this.#applier.stats,
      attempts: this.#attempts,
      connections: this.#connections,
      bytes: this.#bytes,
      retries: this.#retries,
      lastRetryDelayMs: this.#lastRetryDelayMs,
    };
  }

  /** Starts following the feed in the background. */
  start(): void {
    if (this.#running) return;
    this.#tell();
    this.#running = this.#run().catch((err: unknown) => {
      this.#log.error('upstream relay stopped by an unexpected error', { error: String(err) });
      this.#setState('offline');
    });
  }

  /** Closes the connection and cancels any wait. Resolves once nothing more will touch the store. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#attempt?.abort();
    if (this.#sleep) {
      clearTimeout(this.#sleep.timer);
      this.#sleep.wake();
    }
    await this.#running;
  }

  /** The id to resume from: the one stored with the last applied change, if it belongs to this URL. */
  resumeId(): string {
    if (this.#store.meta.get(UPSTREAM_URL_KEY) !== this.#url.href) return '';
    return this.#store.meta.get(UPSTREAM_ID_KEY) ?? '';
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      const { outcome, delivered } = await this.#connectOnce();
      if (this.#stopped || outcome.kind === 'aborted') return;
      if (delivered) failures = 0;
      const next = afterAttempt(outcome, {
        failures,
        retryMs: this.#retryMs,
        random: this.#random,
        idleTimeoutMs: this.#idleTimeoutMs,
        backoff: this.#options.backoff,
      });
      if (next.counts) failures++;
      if (next.report) this.#report(next.report, next.stop ? undefined : next.delayMs);
      this.#setState(next.state);
      if (next.stop) return;
      await this.#wait(next.delayMs);
    }
  }

  /** One connection, from request to end. */
  async #connectOnce(): Promise<{ outcome: Outcome; delivered: boolean }> {
    this.#attempts++;
    const resumeId = this.resumeId();
    let delivered = false;
    const parser = new EventStreamParser(
      {
        onEvent: (event) => {
          delivered = true;
          this.#applier.add(event);
        },
        onRetry: (ms) => (this.#retryMs = Math.min(ms, MAX_SERVER_DELAY_MS)),
        onLastEventId: (id) => this.#applier.cursor(id),
      },
      { maxEventBytes: this.#options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES, lastEventId: resumeId },
    );
    const headers: Record<string, string> = { 'User-Agent': 'Marquee-relay', ...this.#options.headers };
    if (this.#options.token) headers['Authorization'] = `Bearer ${this.#options.token}`;
    if (resumeId) headers['Last-Event-ID'] = lastEventIdHeader(resumeId);

    this.#attempt = openStream({
      url: this.#url,
      headers,
      sensitiveHeaders: [
        ...SENSITIVE,
        ...Object.keys(this.#options.headers ?? {}).map((h) => h.toLowerCase()),
      ],
      connectTimeoutMs: this.#options.connectTimeoutMs ?? 15_000,
      idleTimeoutMs: this.#idleTimeoutMs,
      ...(this.#ca && { ca: this.#ca }),
      now: this.#now,
      onOpen: () => {
        this.#connections++;
        this.#lastFailure = undefined;
        this.#log.info('upstream connected', { url: this.#safeUrl(), resumeFrom: resumeId || null });
        this.#setState('live');
      },
      onChunk: (chunk) => {
        this.#bytes += chunk.length;
        const before = this.#applier.stats.received;
        try {
          parser.feed(chunk);
        } finally {
          // Events dispatched before a failure in the same chunk are still committed.
          this.#applier.flush();
          if (this.#applier.stats.received !== before) this.#tell();
        }
      },
      onRedirect: (from, to, dropped) =>
        this.#log.warn('upstream redirects', {
          from: from.origin + from.pathname,
          to: to.origin + to.pathname,
          ...(dropped && { note: 'credentials not sent to another origin' }),
        }),
    });
    // Any event whose end never came is discarded with the parser: the id on disk is the last applied one.
    const outcome = await this.#attempt.done;
    this.#attempt = undefined;
    return { outcome, delivered };
  }

  /** Logs a failure, but the same reason again only every 5 minutes while it persists. */
  #report({ level, message, reason }: NonNullable<NextStep['report']>, delayMs: number | undefined): void {
    const now = this.#now();
    const last = this.#lastFailure;
    if (last && last.reason === reason && now - last.at < 5 * 60_000) return;
    this.#lastFailure = { reason, at: now };
    this.#log[level](message, {
      url: this.#safeUrl(),
      reason,
      ...(delayMs !== undefined && { retryInMs: delayMs }),
    });
  }

  #wait(ms: number): Promise<void> {
    this.#retries++;
    this.#lastRetryDelayMs = ms;
    return new Promise((resolve) => {
      const wake = () => {
        this.#sleep = undefined;
        resolve();
      };
      this.#sleep = { timer: setTimeout(wake, ms), wake };
    });
  }

  #setState(state: UpstreamState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#tell();
  }

  /**
   * Hands the status to the hub. The hub logs a state change as an event, so
   * this writes to the database; a full or read-only disk must not take the
   * relay down with it (it runs inside socket callbacks).
   */
  #tell(): void {
    try {
      this.#onStatus(this.status());
    } catch (err) {
      this.#log.error('could not record the upstream status', { state: this.#state, error: String(err) });
    }
  }

  /** Written with every commit: freshness, and which feed the stored id belongs to. */
  #commitMeta(): Record<string, string> {
    this.#lastEventAt = new Date().toISOString();
    return { [UPSTREAM_EVENT_AT_KEY]: this.#lastEventAt, [UPSTREAM_URL_KEY]: this.#url.href };
  }

  /** The URL for logs: no query (a Mercure topic may carry a token), no user info. */
  #safeUrl(): string {
    return this.#url.origin + this.#url.pathname;
  }
}
