import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { SSE_HEADERS } from './frame.ts';

/**
 * An event stream written straight to its connection. node:http stays in
 * charge of reading the request and routing it; the response's bytes bypass
 * `ServerResponse`, which for a stream that lives for hours costs memory
 * (its header text is kept as a rope of small strings) and CPU on every
 * write (chunk framing, corking and a tick per client) for nothing: every
 * client gets the same bytes, so they are framed once for all.
 */
export interface StreamSocket {
  readonly socket: Socket;
  /** HTTP/1.1 chunked framing; an HTTP/1.0 client gets the bare stream and a close at the end. */
  readonly chunked: boolean;
}

/**
 * Starts the response on the request's own connection: the status line, the
 * headers already set on `res` (the hub's security headers), then the
 * stream's own. `res` itself is never written; its headers are dropped so it
 * holds nothing for the life of the stream.
 */
export function openStreamSocket(req: IncomingMessage, res: ServerResponse): StreamSocket {
  const socket = req.socket;
  const chunked = req.httpVersionMajor > 1 || (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1);
  let head = 'HTTP/1.1 200 OK\r\n';
  for (const name of res.getHeaderNames()) {
    const value = res.getHeader(name);
    // Node validated these when they were set: no line breaks can be in them.
    for (const v of Array.isArray(value) ? value : [value]) head += `${name}: ${String(v)}\r\n`;
    res.removeHeader(name);
  }
  for (const [name, value] of Object.entries(SSE_HEADERS)) {
    if (name !== 'Connection' || chunked) head += `${name}: ${value}\r\n`;
  }
  head += `Date: ${new Date().toUTCString()}\r\n`;
  head += chunked ? 'Transfer-Encoding: chunked\r\n\r\n' : 'Connection: close\r\n\r\n';
  socket.setNoDelay(true);
  socket.write(head);
  return { socket, chunked };
}

const CRLF = Buffer.from('\r\n');
const LAST_CHUNK = Buffer.from('0\r\n\r\n');

/** One HTTP/1.1 chunk holding `payload`. */
export function chunkOf(payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, CRLF]);
}

/**
 * Writes `payload` (whole events) to one stream; `framed` is the same
 * payload already made into a chunk, when the caller shares one.
 */
export function writeTo(stream: StreamSocket, payload: Buffer, framed?: Buffer): void {
  const { socket } = stream;
  if (payload.length === 0) return;
  if (!stream.chunked) socket.write(payload);
  else if (framed) socket.write(framed);
  else {
    // Three writes in one syscall, and the payload (a snapshot, say) is not copied.
    socket.cork();
    socket.write(`${payload.length.toString(16)}\r\n`);
    socket.write(payload);
    socket.write(CRLF);
    socket.uncork();
  }
}

/** Ends the response cleanly (last chunk), then the connection. */
export function endStream(stream: StreamSocket): void {
  if (stream.chunked && stream.socket.writable) stream.socket.write(LAST_CHUNK);
  stream.socket.end();
}
