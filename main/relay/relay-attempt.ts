import type { Logger } from '../log.ts';
import { CommitBatcher } from './commit-batcher.ts';
import { DEFAULT_MAX_EVENT_BYTES, EventStreamParser } from './event-stream-parser.ts';
import type { FeedApplier } from './feed-applier.ts';
import type { LogThrottle } from './log-throttle.ts';
import { FULL_HISTORY, lastEventIdHeader } from './resume-point.ts';
import { fetchSnapshot } from './snapshot-fetch.ts';
import { type Outcome, openStream } from './upstream-connection.ts';
import { idBytesProblem, idForLog } from './upstream-id.ts';
import type { UpstreamOptions } from './upstream-options.ts';

const SENSITIVE = ['authorization', 'cookie', 'proxy-authorization'];

/** What one attempt needs from the relay that runs it. */
export interface AttemptSetup {
  url: URL;
  options: UpstreamOptions;
  /** Node's roots plus the private CA, if any. */
  ca: readonly string[] | undefined;
  idleTimeoutMs: number;
  now: () => number;
  log: Logger;
  applier: FeedApplier;
  /** Where refused event ids are reported. */
  idWarn: LogThrottle;
  /** Sent as `Last-Event-ID` unless empty. */
  resumeId: string;
  /**
   * The feed said it cannot resume from `resumeId` and there is no snapshot
   * URL: the next attempt asks for the whole history.
   */
  onHistoryLost(answered: string): void;
  onOpen(): void;
  onBytes(count: number): void;
  onRetry(ms: number): void;
  /** An event was dispatched (not yet committed). */
  onEvent(): void;
  /** After every commit, so the hub hears of fresher data. */
  afterCommit(): void;
}

/** The feed no longer holds the events after our id (Mercure's `Last-Event-ID` answer). */
export class HistoryLostError extends Error {
  override name = 'HistoryLostError';
}

export interface RelayAttempt {
  /** How it ended, and whether any event came; never rejects for what the feed sent. */
  readonly done: Promise<{ outcome: Outcome; delivered: boolean }>;
  abort(): void;
}

/**
 * One connection to the feed, from request to end: events are parsed as
 * chunks arrive and committed in batches (`CommitBatcher`); a commit that
 * fails ends the attempt (`failed`), and what arrived whole before the end,
 * however it came, is committed before `done` resolves, so the id on disk is
 * always that of the last applied event.
 */
export function runAttempt(s: AttemptSetup): RelayAttempt {
  let delivered = false;
  let queued = 0;
  const commit = () => {
    s.applier.flush();
    s.afterCommit();
  };
  const parser = new EventStreamParser(
    {
      onEvent: (event) => {
        delivered = true;
        queued++;
        s.onEvent();
        s.applier.add(event);
      },
      onRetry: (ms) => s.onRetry(ms),
      onLastEventId: (id) => {
        queued++;
        s.applier.cursor(id);
      },
      onRefusedId: (reason, id) =>
        s.idWarn.warn('upstream event id ignored: it could not go back as Last-Event-ID', {
          reason,
          id: idForLog(id),
        }),
    },
    {
      maxEventBytes: s.options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
      lastEventId: s.resumeId,
      refuseId: idBytesProblem,
    },
  );
  const headers: Record<string, string> = { 'User-Agent': 'Marquee-relay', ...s.options.headers };
  const token = typeof s.options.token === 'function' ? s.options.token() : s.options.token;
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (s.resumeId) headers['Last-Event-ID'] = lastEventIdHeader(s.resumeId);

  /** Chunks that arrive while a snapshot is being fetched; fed once it is applied. */
  let held: Buffer[] | undefined;
  const feed = (chunk: Buffer) => {
    queued = 0;
    // Throwing ends the attempt; what was queued before is committed after it ends.
    parser.feed(chunk);
    // A snapshot commits inside feed: the hub hears of it at once.
    s.afterCommit();
    batcher.queued(queued);
  };
  const catchUp = (answered: string) => {
    held = [];
    const url = new URL(s.options.snapshotUrl!, s.url);
    const sameOrigin = url.origin === s.url.origin;
    fetchSnapshot({
      url,
      headers: sameOrigin ? headers : {},
      ca: s.ca,
      maxBytes: s.options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
      timeoutMs: s.options.connectTimeoutMs ?? 15_000,
    }).then(
      (data) => {
        if (!held) return;
        // Resumable next time from where the feed says it stands; `earliest` keeps our id
        // (the next resume asks again, and takes another snapshot if it must).
        const lastEventId = answered === FULL_HISTORY ? s.resumeId : answered;
        try {
          s.applier.add({ type: 'snapshot', data, lastEventId });
          s.afterCommit();
          const chunks = held;
          held = undefined;
          for (const chunk of chunks) feed(chunk);
        } catch (error) {
          stream.fail(error);
        }
      },
      (error: unknown) => stream.fail(new HistoryLostError(`history lost and ${String(error)}`)),
    );
  };

  const stream = openStream({
    url: s.url,
    headers,
    sensitiveHeaders: [...SENSITIVE, ...Object.keys(s.options.headers ?? {}).map((h) => h.toLowerCase())],
    connectTimeoutMs: s.options.connectTimeoutMs ?? 15_000,
    idleTimeoutMs: s.idleTimeoutMs,
    ...(s.ca && { ca: s.ca }),
    now: s.now,
    onOpen: (_url, response) => {
      s.onOpen();
      const answered = response['last-event-id'];
      // Only a feed that answers the header (Mercure) says whether it could resume.
      if (!s.resumeId || typeof answered !== 'string' || answered === headers['Last-Event-ID']) return;
      s.log.warn('upstream cannot resume from our id: its history after it is gone', {
        sent: idForLog(s.resumeId),
        answered: idForLog(answered),
        next: s.options.snapshotUrl ? 'a fresh snapshot' : 'the whole history',
      });
      if (s.options.snapshotUrl) return catchUp(answered);
      s.onHistoryLost(answered);
      stream.fail(new HistoryLostError('the feed lost the history after our id; asking for all of it'));
    },
    onChunk: (chunk) => {
      s.onBytes(chunk.length);
      if (held) {
        held.push(chunk);
        return;
      }
      feed(chunk);
    },
    onRedirect: (from, to, dropped) =>
      s.log.warn('upstream redirects', {
        from: from.origin + from.pathname,
        to: to.origin + to.pathname,
        ...(dropped && { note: 'credentials not sent to another origin' }),
      }),
  });
  const batcher = new CommitBatcher(commit, (error) => stream.fail(error), {
    ...s.options.commitBatch,
    now: s.now,
  });

  const done = stream.done.then((ended) => {
    held = undefined;
    // An event whose end never came is discarded with the parser.
    batcher.cancel();
    let outcome = ended;
    try {
      commit();
    } catch (error) {
      if (outcome.kind !== 'failed') outcome = { kind: 'failed', error };
    }
    return { outcome, delivered };
  });
  return { done, abort: () => stream.abort() };
}
