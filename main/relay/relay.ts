import type { RelayHealth, Status, UpstreamState } from '../domain/status.ts';
import type { Logger } from '../log.ts';
import { trustedCa } from '../trusted-ca.ts';
import type { Store } from '../store/store.ts';
import { type NextStep, afterAttempt } from './after-attempt.ts';
import { EventTooLargeError } from './event-stream-parser.ts';
import { FeedApplier } from './feed-applier.ts';
import { LogThrottle } from './log-throttle.ts';
import { type RelayAttempt, runAttempt } from './relay-attempt.ts';
import { ResumePoint } from './resume-point.ts';
import { tellStatus } from './tell-status.ts';
import type { Outcome } from './upstream-connection.ts';
import { idForLog } from './upstream-id.ts';
import {
  type RelayDeps,
  type RelayStats,
  UPSTREAM_EVENT_AT_KEY,
  UPSTREAM_URL_KEY,
  type UpstreamOptions,
} from './upstream-options.ts';

export type { RelayDeps, RelayStats, UpstreamOptions } from './upstream-options.ts';
export { UPSTREAM_EVENT_AT_KEY, UPSTREAM_URL_KEY } from './upstream-options.ts';
export { lastEventIdHeader } from './resume-point.ts';

function tooLargeReport(e: EventTooLargeError): NonNullable<RelayHealth['tooLarge']> {
  return {
    event: e.eventType.slice(0, 64),
    bytes: e.bytes,
    complete: e.complete,
    limitBytes: e.limit,
    at: new Date().toISOString(),
  };
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
  #attempt: RelayAttempt | undefined;
  #sleep: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  #attempts = 0;
  #connections = 0;
  #bytes = 0;
  #retries = 0;
  #lastRetryDelayMs: number | undefined;
  #lastFailure: { reason: string; at: number } | undefined;
  /** Why the relay stopped for good on its own (not by `stop()`). */
  #ended: string | undefined;
  #tooLarge: RelayHealth['tooLarge'];
  /** Transactions counted at the last status report. */
  #toldAt = -1;
  /** Refused ids: a feed that sends them sends them with every event, so one line per 5 minutes. */
  readonly #idWarn: LogThrottle;
  readonly #resume: ResumePoint;

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
    this.#idWarn = new LogThrottle(this.#log, { max: 1, windowMs: 5 * 60_000, now: this.#now });
    this.#resume = new ResumePoint(this.#store, this.#url, this.#log);
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

  /** For `/api/health`: whether the relay still runs, and what it cannot apply. */
  health(): RelayHealth {
    return {
      running: this.#running !== undefined && this.#ended === undefined && !this.#stopped,
      ...(this.#ended !== undefined && { problem: this.#ended }),
      ...(this.#tooLarge && { tooLarge: this.#tooLarge }),
    };
  }

  /** Starts following the feed in the background. */
  start(): void {
    if (this.#running) return;
    this.#tell();
    // #run turns whatever an attempt throws into a reconnect; this is the last resort.
    this.#running = this.#run().catch((err: unknown) => {
      this.#ended = `stopped by an unexpected error: ${String(err)}`;
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

  /** The id the next attempt resumes from; empty for a snapshot. */
  resumeId(): string {
    return this.#resume.id();
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      const { outcome, delivered, resumed } = await this.#attemptSafely();
      if (this.#stopped || outcome.kind === 'aborted') return;
      if (delivered) failures = 0;
      // Shown in health until an event after it is dispatched.
      if (outcome.kind === 'failed' && outcome.error instanceof EventTooLargeError)
        this.#tooLarge = tooLargeReport(outcome.error);
      const next = afterAttempt(outcome, {
        failures,
        retryMs: this.#retryMs,
        random: this.#random,
        idleTimeoutMs: this.#idleTimeoutMs,
        backoff: this.#options.backoff,
        resumed,
      });
      if (next.counts) failures++;
      if (next.report) this.#report(next.report, next.stop ? undefined : next.delayMs);
      if (next.dropResumeId) this.#resume.forget();
      this.#setState(next.state);
      if (next.stop) {
        this.#ended = next.report?.message ?? 'stopped';
        return;
      }
      await this.#wait(next.delayMs);
    }
  }

  /** An attempt whatever happens in it: an error thrown is an outcome like any other, never the end of the relay. */
  async #attemptSafely(): Promise<{ outcome: Outcome; delivered: boolean; resumed: boolean }> {
    try {
      return await this.#connectOnce();
    } catch (error) {
      this.#attempt?.abort();
      this.#attempt = undefined;
      return { outcome: { kind: 'unexpected', error }, delivered: false, resumed: false };
    }
  }

  /** Tells the hub when a commit made the data fresher. */
  #toldSince(): void {
    if (this.#applier.stats.transactions === this.#toldAt) return;
    this.#toldAt = this.#applier.stats.transactions;
    this.#tell();
  }

  /** One connection, from request to end. */
  async #connectOnce(): Promise<{ outcome: Outcome; delivered: boolean; resumed: boolean }> {
    this.#attempts++;
    const resumeId = this.#resume.take();
    const attempt = runAttempt({
      url: this.#url,
      options: this.#options,
      ca: this.#ca,
      idleTimeoutMs: this.#idleTimeoutMs,
      now: this.#now,
      log: this.#log,
      applier: this.#applier,
      idWarn: this.#idWarn,
      resumeId,
      onHistoryLost: () => this.#resume.askForAll(),
      onOpen: () => {
        this.#connections++;
        this.#lastFailure = undefined;
        this.#log.info('upstream connected', {
          url: this.#safeUrl(),
          resumeFrom: resumeId ? idForLog(resumeId) : null,
        });
        this.#setState('live');
      },
      onBytes: (count) => (this.#bytes += count),
      // Capped at the backoff's cap when used: a feed cannot keep the hub away for an hour.
      onRetry: (ms) => (this.#retryMs = ms),
      // The feed moved past an event too large (or sent a smaller one): nothing to report any more.
      onEvent: () => (this.#tooLarge = undefined),
      afterCommit: () => this.#toldSince(),
    });
    this.#attempt = attempt;
    try {
      return { ...(await attempt.done), resumed: resumeId !== '' };
    } finally {
      this.#attempt = undefined;
    }
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

  #tell(): void {
    tellStatus(this.#onStatus, this.status(), this.#log);
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
