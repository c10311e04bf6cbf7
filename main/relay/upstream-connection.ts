import { type ClientRequest, type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseRetryAfter } from './backoff.ts';

/*
 * One attempt to read the upstream event stream, over node:http rather than
 * fetch. Why: 'data' events hand over each network chunk synchronously as a
 * Buffer (no web-stream promise per chunk), so a chunk's events are parsed
 * and committed in one go; the socket is ours to tune (no Nagle, TCP
 * keep-alive to notice a dead peer) and to destroy at once; and no timers of
 * undici's own (its 300 s body and header timeouts) compete with the idle
 * limit below, which runs on the global timers that tests can fake.
 */

/** How an attempt ended; the relay decides from this what to do next. */
export type Outcome =
  /** The stream was open and the server ended it cleanly. */
  | { kind: 'ended' }
  /** `abort()` was called. */
  | { kind: 'aborted' }
  /** Could not connect, or the connection broke. */
  | { kind: 'network'; error: string }
  /** No answer within the connect timeout, or no byte within the idle limit. */
  | { kind: 'timeout'; phase: 'connect' | 'idle' }
  /** An HTTP status other than 200 and 204. */
  | { kind: 'http'; status: number; retryAfterMs: number | undefined }
  /** 204: the server asks us to stop. */
  | { kind: 'no-content' }
  | { kind: 'not-event-stream'; contentType: string }
  | { kind: 'too-many-redirects' }
  /** `onChunk` threw, or a commit after it failed (an event too large, the database failing). */
  | { kind: 'failed'; error: unknown }
  /** Not from this module: the relay itself threw around the attempt (a bug; never the end of the relay). */
  | { kind: 'unexpected'; error: unknown };

export interface StreamRequest {
  url: URL;
  /** Sent as they are, plus Accept and Cache-Control. Values must be Latin-1. */
  headers: Readonly<Record<string, string>>;
  /** Dropped when a redirect leaves the origin (credentials never follow a redirect elsewhere). */
  sensitiveHeaders: readonly string[];
  /** Until response headers arrive. */
  connectTimeoutMs: number;
  /** Longest silence once the stream is open; a comment line counts as traffic. */
  idleTimeoutMs: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Certificates an https feed may chain to (`trustedCa`). Default: Node's bundled roots. */
  ca?: readonly string[];
  /** Monotonic clock. */
  now: () => number;
  /** The stream is open: status 200 and `text/event-stream`. */
  onOpen(url: URL, headers: IncomingMessage['headers']): void;
  /** Each chunk of the body, in order; throwing ends the attempt with `failed`. */
  onChunk(chunk: Buffer): void;
  onRedirect?(from: URL, to: URL, droppedHeaders: boolean): void;
}

export interface StreamAttempt {
  readonly done: Promise<Outcome>;
  abort(): void;
  /** Ends the attempt as `failed` with `error`: a commit run after its chunk failed. */
  fail(error: unknown): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The media type without parameters, lower-cased: `text/event-stream; charset=x` → `text/event-stream`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** Opens the stream; `done` resolves (never rejects) with how it ended. */
export function openStream(req: StreamRequest): StreamAttempt {
  let settle: (o: Outcome) => void = () => {};
  const done = new Promise<Outcome>((resolve) => (settle = resolve));
  let finished = false;
  let current: ClientRequest | undefined;
  let response: IncomingMessage | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastByteAt = 0;

  const finish = (outcome: Outcome) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    response?.destroy();
    current?.destroy();
    settle(outcome);
  };

  const watchIdle = () => {
    if (req.now() - lastByteAt < req.idleTimeoutMs) return rearm();
    // Timers run before the loop reads sockets: after the hub itself was busy
    // (a long commit, a GC pause), bytes may be waiting unread. Decide after
    // this turn's reads, so only the upstream's silence counts.
    setImmediate(() => {
      if (finished) return;
      if (req.now() - lastByteAt >= req.idleTimeoutMs) finish({ kind: 'timeout', phase: 'idle' });
      else rearm();
    });
  };
  const rearm = () => {
    timer = setTimeout(watchIdle, Math.max(1, req.idleTimeoutMs - (req.now() - lastByteAt)));
  };

  /** Node throws from `request` on a header it will not send, and `new URL` on a bad `Location`: an outcome, never a crash. */
  const open = (url: URL, headers: Record<string, string>, redirects: number) => {
    try {
      send(url, headers, redirects);
    } catch (err) {
      finish({ kind: 'network', error: `could not send the request: ${(err as Error).message}` });
    }
  };

  const send = (url: URL, headers: Record<string, string>, redirects: number) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    current = request(url, {
      method: 'GET',
      headers: { Accept: 'text/event-stream', 'Cache-Control': 'no-cache', ...headers },
      agent: false,
      ...(req.ca && { ca: [...req.ca] }),
    });
    current.on('socket', (socket) => {
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 10_000);
    });
    current.on('error', (err) => finish({ kind: 'network', error: err.message }));
    current.on('response', (res) => {
      if (finished) return void res.destroy();
      response = res;
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location) {
        res.destroy();
        if (redirects >= (req.maxRedirects ?? 5)) return finish({ kind: 'too-many-redirects' });
        const next = URL.parse(location, url.href);
        if (!next) return finish({ kind: 'network', error: 'redirected to an invalid Location' });
        const crossOrigin = next.origin !== url.origin;
        const nextHeaders = crossOrigin
          ? Object.fromEntries(
              Object.entries(headers).filter(([name]) => !req.sensitiveHeaders.includes(name.toLowerCase())),
            )
          : headers;
        req.onRedirect?.(
          url,
          next,
          crossOrigin && Object.keys(nextHeaders).length < Object.keys(headers).length,
        );
        return open(next, nextHeaders, redirects + 1);
      }
      if (status === 204) return finish({ kind: 'no-content' });
      if (status !== 200) {
        const retryAfter = res.headers['retry-after'];
        return finish({ kind: 'http', status, retryAfterMs: parseRetryAfter(retryAfter, Date.now()) });
      }
      const type = mediaType(res.headers['content-type']);
      if (type !== 'text/event-stream') return finish({ kind: 'not-event-stream', contentType: type });

      clearTimeout(timer);
      lastByteAt = req.now();
      timer = setTimeout(watchIdle, req.idleTimeoutMs);
      req.onOpen(url, res.headers);
      res.on('data', (chunk: Buffer) => {
        if (finished) return;
        lastByteAt = req.now();
        try {
          req.onChunk(chunk);
        } catch (error) {
          finish({ kind: 'failed', error });
        }
      });
      res.on('end', () => finish({ kind: 'ended' }));
      res.on('aborted', () => finish({ kind: 'network', error: 'connection cut mid-stream' }));
      res.on('error', (err) => finish({ kind: 'network', error: err.message }));
      res.on('close', () => finish({ kind: 'network', error: 'connection closed mid-stream' }));
    });
    current.end();
  };

  timer = setTimeout(() => finish({ kind: 'timeout', phase: 'connect' }), req.connectTimeoutMs);
  open(req.url, { ...req.headers }, 0);
  return {
    done,
    abort: () => finish({ kind: 'aborted' }),
    fail: (error) => finish({ kind: 'failed', error }),
  };
}
