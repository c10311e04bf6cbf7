import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, errorBody } from './http-error.ts';

/** Headers on every response; pages add a CSP of their own. */
export const SECURITY_HEADERS = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

/** What an API answer may load or be framed by: nothing. Pages replace it with their own. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Set on every response before routing, so no answer (404, 401, a stream) goes out without them. */
export const DEFAULT_HEADERS: readonly (readonly [string, string])[] = Object.freeze([
  ...Object.entries(SECURITY_HEADERS),
  ['Content-Security-Policy', API_CSP] as const,
]);

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, errorBody(err), err.headers);
}

/** Default largest JSON body: 1 MiB (a week's CSV import is far smaller). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Reads the whole body, refusing more than `limit` bytes with 413 before
 * buffering them: a declared length is refused at once, an undeclared one as
 * soon as it passes the limit.
 */
export function readBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(tooLarge(req, limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      chunks.length = 0;
      reject(tooLarge(req, limit));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    // Closed before its end: the client went away, and nobody will read an answer.
    const onClose = () => {
      stop();
      reject(new HttpError({ status: 400, code: 'body_cut_off', message: 'the request body was cut off' }));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}

/**
 * Reads and throws away what is left of a body the hub refused, so the
 * client can read why; one still coming after 5 s is cut off.
 */
export function discardRest(req: IncomingMessage): void {
  req.resume();
  setTimeout(() => {
    if (!req.complete) req.socket.destroy();
  }, 5_000).unref();
}

/**
 * The 413 for a body past its limit. What is still coming is read and thrown
 * away, never kept: closing at once would reset the connection under a
 * client still sending, before it could read why. A body still not over
 * after 5 s is cut off.
 */
function tooLarge(req: IncomingMessage, limit: number): HttpError {
  discardRest(req);
  return new HttpError({
    status: 413,
    code: 'payload_too_large',
    message: `the body is larger than ${limit} bytes`,
    params: { limit },
  });
}

/** Reads a JSON body; wrong content type → 415, unparsable → 400. */
export async function readJson(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // A merge-patch (RFC 7386) is JSON too; the route decides what the body means.
  if (!/^application\/(merge-patch\+)?json\b/i.test(type)) {
    throw new HttpError({
      status: 415,
      code: 'unsupported_media_type',
      message: 'send the body as application/json',
      params: { expected: 'application/json' },
    });
  }
  const raw = await readBody(req, limit);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) as unknown;
  } catch {
    throw new HttpError({ status: 400, code: 'invalid_json', message: 'the body is not valid UTF-8 JSON' });
  }
}
