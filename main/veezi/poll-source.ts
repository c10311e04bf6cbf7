import type { RelayHealth, Status, UpstreamState } from '../domain/status.ts';
import type { Logger } from '../log.ts';
import { backoffDelay, slowRetryDelay } from '../relay/backoff.ts';
import { LogThrottle } from '../relay/log-throttle.ts';
import { tellStatus } from '../relay/tell-status.ts';
import { storedState } from '../relay/feed-applier.ts';
import { UPSTREAM_EVENT_AT_KEY } from '../relay/upstream-options.ts';
import { StoreError } from '../store/errors.ts';
import type { Store } from '../store/store.ts';
import { trustedCa } from '../trusted-ca.ts';
import type { VeeziEndpoint } from './api-schemas.ts';
import { planPoll } from './diff.ts';
import { type VeeziCatalog, mapPoll, unknownReferences } from './mapping.ts';
import { type VeeziAnswer, VeeziClient, type VeeziFailure } from './veezi-client.ts';
import {
  DEFAULT_VEEZI_OPTIONS,
  VEEZI_SOLD_KEY,
  type VeeziOptions,
  type VeeziStats,
  readToken,
} from './veezi-options.ts';

export type { VeeziOptions, VeeziStats } from './veezi-options.ts';

export interface VeeziDeps {
  store: Store;
  log: Logger;
  /** Receives every change of state or freshness (the hub's `setStatus`). */
  onStatus: (status: Status) => void;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
}

class PollFailed extends Error {
  constructor(readonly failure: VeeziFailure) {
    super(failure.reason);
  }
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Follows a Veezi site by polling: sessions every `pollMs`, the catalogue
 * (site, screens, films, attributes) every `catalogMs` or as soon as a
 * session names something it lacks. A poll is applied whole, as one store
 * transaction holding only what changed, or not at all: any failed or
 * unreadable answer keeps the last state and schedules a retry.
 */
export class VeeziSource {
  readonly #options: VeeziOptions;
  readonly #client: VeeziClient;
  readonly #store: Store;
  readonly #log: Logger;
  readonly #onStatus: (status: Status) => void;
  readonly #random: () => number;
  readonly #warn: LogThrottle;
  readonly #stats: VeeziStats = {
    pollsOk: 0,
    pollsFailed: 0,
    lastPollMs: undefined,
    lastPollCpuMs: undefined,
    bytes: 0,
    lastPollBytes: 0,
    events: 0,
    lastPollEvents: 0,
    catalogFetches: 0,
  };
  #state: UpstreamState = 'connecting';
  #lastEventAt: string | null;
  #lastPollAt: string | null = null;
  #lastError: { reason: string; at: string } | undefined;
  #lastLogged: { reason: string; at: number } | undefined;
  #zoneProblem: string | undefined;
  #catalog: VeeziCatalog | undefined;
  #catalogAt = -Infinity;
  #sold: Set<string>;
  #failures = 0;
  #timer: NodeJS.Timeout | undefined;
  #current: Promise<void> | undefined;
  #abort: AbortController | undefined;
  #stopped = false;

  constructor(options: VeeziOptions, deps: VeeziDeps) {
    this.#options = options;
    this.#client = new VeeziClient({
      baseUrl: options.url,
      token: () => readToken(options),
      timeoutMs: options.timeoutMs ?? DEFAULT_VEEZI_OPTIONS.timeoutMs,
      ca: trustedCa(options.ca),
    });
    this.#store = deps.store;
    this.#log = deps.log;
    this.#onStatus = deps.onStatus;
    this.#random = deps.random ?? (() => Math.random());
    this.#warn = new LogThrottle(this.#log);
    this.#lastEventAt = this.#store.meta.get(UPSTREAM_EVENT_AT_KEY) ?? null;
    this.#sold = new Set(parseSold(this.#store.meta.get(VEEZI_SOLD_KEY)));
  }

  get state(): UpstreamState {
    return this.#state;
  }

  status(): Status {
    return { upstream: this.#state, lastUpstreamEventAt: this.#lastEventAt };
  }

  /** Counters since start; a copy. */
  stats(): VeeziStats {
    return { ...this.#stats };
  }

  health(): RelayHealth {
    return {
      running: !this.#stopped,
      source: 'veezi',
      lastPollAt: this.#lastPollAt,
      ...(this.#lastError && { lastError: this.#lastError }),
      ...(this.#zoneProblem !== undefined && { zoneProblem: this.#zoneProblem }),
    };
  }

  /** Polls at once, then on the schedule, until `stop()`. */
  start(): void {
    if (this.#timer || this.#current || this.#stopped) return;
    this.#tell();
    this.#schedule(0);
  }

  /** Cancels the next poll and any request in flight. Resolves once nothing more will touch the store. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    await this.#current;
  }

  /** The poll running now (or a resolved promise): tests wait for it after moving the clock. */
  settled(): Promise<void> {
    return this.#current ?? Promise.resolve();
  }

  #schedule(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#current = this.#tick().finally(() => (this.#current = undefined));
    }, ms);
  }

  async #tick(): Promise<void> {
    let delay: number;
    try {
      await this.#poll();
      this.#failures = 0;
      delay = this.#options.pollMs ?? DEFAULT_VEEZI_OPTIONS.pollMs;
    } catch (err) {
      if (this.#stopped) return;
      delay = this.#failed(err);
    }
    if (!this.#stopped) this.#schedule(delay);
  }

  /** Records a failed poll and says how long to wait before the next. */
  #failed(err: unknown): number {
    this.#stats.pollsFailed++;
    this.#failures++;
    const backoff = { ...DEFAULT_VEEZI_OPTIONS.backoff, ...this.#options.backoff };
    const failure: VeeziFailure =
      err instanceof PollFailed ? err.failure : { kind: 'transient', reason: `unexpected: ${String(err)}` };
    const soon = () => Math.max(1_000, backoffDelay(this.#failures - 1, undefined, this.#random(), backoff));
    let delay: number;
    let state: UpstreamState;
    if (failure.kind === 'refused') {
      state = 'offline';
      delay = slowRetryDelay(this.#random(), backoff);
    } else if (failure.kind === 'rate-limited') {
      state = 'reconnecting';
      delay = failure.retryAfterMs ?? soon();
    } else {
      state = 'reconnecting';
      delay = soon();
    }
    this.#lastError = { reason: failure.reason, at: new Date().toISOString() };
    this.#report(failure, delay);
    this.#setState(state);
    return delay;
  }

  async #poll(): Promise<void> {
    const started = performance.now();
    const cpuStart = cpuMs();
    let bytes = 0;
    this.#abort = new AbortController();
    const signal = this.#abort.signal;
    const get = async <E extends VeeziEndpoint>(endpoint: E) => {
      const answer: VeeziAnswer<E> = await this.#client.get(endpoint, signal);
      bytes += answer.bytes;
      this.#stats.bytes += answer.bytes;
      if (!answer.ok) throw new PollFailed(answer.failure);
      return answer.data;
    };
    const fetchCatalog = async (): Promise<VeeziCatalog> => {
      this.#stats.catalogFetches++;
      const [site, screens, films, attributes] = await Promise.all([
        get('/v1/site'),
        get('/v1/screen'),
        get('/v4/film'),
        get('/v1/attribute'),
      ]);
      return { site, screens, films, attributes };
    };
    const catalogMs = this.#options.catalogMs ?? DEFAULT_VEEZI_OPTIONS.catalogMs;
    let catalog = this.#catalog;
    let fresh = false;
    if (!catalog || performance.now() - this.#catalogAt >= catalogMs) {
      catalog = await fetchCatalog();
      fresh = true;
    }
    const sessions = await get('/v1/session');
    if (!fresh && unknownReferences(catalog, sessions).length > 0) {
      catalog = await fetchCatalog();
      fresh = true;
    }
    if (this.#stopped) return;
    // Everything arrived whole: from here on nothing awaits, so the poll is applied or not at all.
    this.#catalog = catalog;
    if (fresh) this.#catalogAt = performance.now();
    const mapped = mapPoll(catalog, sessions, this.#store.venue());
    this.#zone(mapped.zoneProblem);
    const plan = planPoll(storedState(this.#store), mapped, Date.now(), this.#sold);
    for (const problem of plan.problems) this.#warn.warn('Veezi record left out', { problem });
    const soldText = JSON.stringify(plan.sold);
    const soldChanged = soldText !== JSON.stringify([...this.#sold].sort());
    const at = new Date().toISOString();
    if (plan.changes.length > 0 || soldChanged) {
      try {
        this.#store.apply(plan.changes, {
          origin: 'upstream',
          meta: {
            [VEEZI_SOLD_KEY]: soldText,
            ...(plan.changes.length > 0 && { [UPSTREAM_EVENT_AT_KEY]: at }),
          },
        });
      } catch (err) {
        // The plan keeps to the store's rules; should one still refuse it, none of it applies.
        if (err instanceof StoreError)
          throw new PollFailed({ kind: 'transient', reason: `the store refused the poll: ${err.message}` });
        throw err;
      }
      this.#sold = new Set(plan.sold);
    }
    this.#stats.pollsOk++;
    this.#stats.events += plan.changes.length;
    this.#stats.lastPollEvents = plan.changes.length;
    this.#stats.lastPollBytes = bytes;
    this.#stats.lastPollMs = performance.now() - started;
    this.#stats.lastPollCpuMs = cpuMs() - cpuStart;
    this.#lastPollAt = at;
    // Freshness is "Veezi answered", not "something changed": a quiet evening is not stale data.
    this.#lastEventAt = at;
    if (this.#state !== 'live') this.#log.info('Veezi followed', { url: this.#client.origin });
    this.#lastLogged = undefined;
    this.#setState('live', true);
  }

  #zone(problem: string | undefined): void {
    if (problem !== undefined && problem !== this.#zoneProblem)
      this.#log.warn('Veezi site time zone not used; keeping the configured zone', {
        problem,
        timezone: this.#store.venue().timezone,
      });
    this.#zoneProblem = problem;
  }

  /** Logs a failure, but the same reason again only every 5 minutes while it persists. */
  #report(failure: VeeziFailure, delayMs: number): void {
    const now = performance.now();
    const last = this.#lastLogged;
    if (last && last.reason === failure.reason && now - last.at < 5 * 60_000) return;
    this.#lastLogged = { reason: failure.reason, at: now };
    const message =
      failure.kind === 'refused' ? 'Veezi refused the hub' : 'Veezi poll failed; keeping the last state';
    this.#log[failure.kind === 'refused' ? 'error' : 'warn'](message, {
      url: this.#client.origin,
      reason: failure.reason,
      retryInMs: delayMs,
    });
  }

  #setState(state: UpstreamState, fresher = false): void {
    if (state === this.#state && !fresher) return;
    this.#state = state;
    this.#tell();
  }

  #tell(): void {
    tellStatus(this.#onStatus, this.status(), this.#log);
  }
}

function parseSold(text: string | undefined): string[] {
  if (text === undefined) return [];
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
