/**
 * Which upstream event ids the relay keeps. Ids are opaque strings, but the
 * one stored goes back to the feed as the `Last-Event-ID` request header
 * after every reconnect and restart, so it must be one a header can carry:
 * Node refuses to send a control character in a header value (it throws),
 * and servers answer 431 to a header of many kilobytes. Such an id is
 * ignored as the spec ignores an id containing NUL: the last event ID stays
 * what it was.
 */

/** Longest id kept, in UTF-8 bytes. Marquee's own ids (`<epoch>-<seq>`) take a few dozen. */
export const MAX_UPSTREAM_ID_BYTES = 1024;

/** Characters of a refused id shown in a log line. */
const PREVIEW_CHARS = 64;

/**
 * Why the UTF-8 id in `bytes[start, end)` cannot go back as a header, or
 * `undefined` when it can. Control bytes are C0 and DEL; bytes of multi-byte
 * characters are all 0x80 and above, which header values may hold.
 */
export function idBytesProblem(bytes: Uint8Array, start = 0, end = bytes.length): string | undefined {
  if (end - start > MAX_UPSTREAM_ID_BYTES) {
    return `longer than ${MAX_UPSTREAM_ID_BYTES} bytes (${end - start})`;
  }
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b < 0x20 || b === 0x7f) return 'contains a control character';
  }
  return undefined;
}

/** `idBytesProblem` of a string id, e.g. one read back from the database. */
export function idProblem(id: string): string | undefined {
  return idBytesProblem(Buffer.from(id, 'utf8'));
}

/** An id for a log line: its start only, control characters shown as `\xNN`. */
export function idForLog(id: string): string {
  const head = id.length > PREVIEW_CHARS ? `${id.slice(0, PREVIEW_CHARS)}…` : id;
  // eslint-disable-next-line no-control-regex -- escaping controls is the point
  return head.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
