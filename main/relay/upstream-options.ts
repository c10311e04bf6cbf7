import type { Status } from '../domain/status.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { BackoffOptions } from './backoff.ts';
import type { CommitBatcherOptions } from './commit-batcher.ts';
import type { ApplierStats } from './feed-applier.ts';

/** The upstream feed a hub follows. */
export interface UpstreamOptions {
  /** The feed's event-stream URL (http or https); for Mercure, the hub URL with its `topic` query. */
  url: string;
  /**
   * Sent as `Authorization: Bearer <token>`. A function is asked again for
   * every connection (a token file, re-read so a renewed token is used).
   * Default none.
   */
  token?: string | (() => string);
  /** Extra request headers, e.g. an API key. Default none. */
  headers?: Readonly<Record<string, string>>;
  /**
   * Where to take a fresh snapshot (JSON in the feed's `snapshot` shape) when
   * the feed answers a resume with a `Last-Event-ID` header other than the id
   * sent (Mercure: `earliest` once the history after it is gone). Without it
   * the relay reconnects asking for the whole history (`Last-Event-ID: earliest`).
   * Default none.
   */
  snapshotUrl?: string;
  /** A stream silent this long (not even a comment) is taken for dead and reopened. Default 45,000 ms. */
  idleTimeoutMs?: number;
  /** Longest wait for response headers. Default 15,000 ms. */
  connectTimeoutMs?: number;
  /**
   * An event larger than this (a snapshot, mostly) is not applied: the
   * connection is reopened from the last applied id, and health reports the
   * event's size and this limit. Default 16 MiB (`--upstream-max-event-mib`).
   */
  maxEventBytes?: number;
  /** How events are grouped into commits; see `CommitBatcherOptions` for defaults. */
  commitBatch?: Omit<CommitBatcherOptions, 'now'>;
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
