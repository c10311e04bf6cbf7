/**
 * A `text/event-stream` parser that follows the WHATWG HTML rules
 * (§9.2.6 "Interpreting an event stream") byte for byte.
 *
 * Why not eventsource-parser 4 (a dev dependency, used by the test client)?
 * Our conformance tests show two deviations that matter to a relay (a third,
 * holding back an event whose chunk ends in CR, was fixed in 4):
 * - it forgets the last event ID after every event, and drops an id that comes
 *   in a block without data (`id: 7` + blank line), so `Last-Event-ID` after
 *   reconnecting could be wrong;
 * - it works on strings, so the BOM and split multi-byte characters are the
 *   caller's problem, and its size limit counts UTF-16 units, not bytes.
 * Working on bytes solves the last point for free: CR and LF never occur inside
 * a multi-byte UTF-8 sequence, so lines are cut as bytes and decoded whole.
 */

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const BOM = [0xef, 0xbb, 0xbf] as const;

const FIELD_DATA = bytes('data');
const FIELD_EVENT = bytes('event');
const FIELD_ID = bytes('id');
const FIELD_RETRY = bytes('retry');

function bytes(ascii: string): Uint8Array {
  return Uint8Array.from(ascii, (c) => c.charCodeAt(0));
}

/** One dispatched event, as an `EventSource` would deliver it. */
export interface ParsedEvent {
  /** The event type; `message` when the block had no (or an empty) `event:` field. */
  readonly type: string;
  /** The data lines, joined with LF. */
  readonly data: string;
  /** The stream's last event ID at dispatch (it persists across events, as the spec says). */
  readonly lastEventId: string;
}

export interface ParserHandlers {
  onEvent(event: ParsedEvent): void;
  /** A valid `retry:` field (ASCII digits only), in milliseconds. */
  onRetry?(ms: number): void;
  /** A block without data changed the last event ID (the spec updates it even then). */
  onLastEventId?(id: string): void;
  /** An `id:` field that `refuseId` refused, with the reason; the last event ID stays as it was. */
  onRefusedId?(reason: string, id: string): void;
}

export interface ParserOptions {
  /**
   * Most bytes an event may take before the blank line that ends it: its
   * `data:` and `event:` lines as sent, including any unfinished line. No single
   * line may be longer either. Comment lines and unknown fields are dropped as
   * they complete, so they never add up. Default 16 MiB.
   *
   * A larger event is not kept: its bytes are counted and dropped until it
   * ends (or reaches twice the limit), and `feed` then throws an
   * `EventTooLargeError` that says how large it was.
   */
  maxEventBytes?: number;
  /**
   * Why the `id:` value in `bytes[start, end)` is refused, or undefined to take
   * it. A refused id is ignored as one containing NUL is. Default: every id
   * without NUL is taken, as the spec says.
   */
  refuseId?: (bytes: Uint8Array, start: number, end: number) => string | undefined;
  /** The last event ID carried over from an earlier connection. Default empty. */
  lastEventId?: string;
}

export const DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

/** How far past `maxEventBytes` an event's size is still counted before giving up on its end. */
const COUNT_UP_TO = 2;

/** Thrown by `feed` once an event larger than `maxEventBytes` ended or grew too far; the parser must then be discarded. */
export class EventTooLargeError extends Error {
  override name = 'EventTooLargeError';
  /**
   * @param limit the `maxEventBytes` in force
   * @param bytes the event's size as sent, line ends not counted (as the limit counts); when not `complete`, twice the limit, which it passed
   * @param complete whether the event ended, so `bytes` is its whole size
   * @param eventType its `event:` field, when one came before the limit was passed; empty otherwise
   */
  constructor(
    readonly limit: number,
    readonly bytes: number,
    readonly complete: boolean,
    readonly eventType: string,
  ) {
    super(
      complete
        ? `${eventType ? `a ${eventType} event` : 'an event'} of ${bytes} bytes is larger than the limit of ${limit} bytes`
        : `an event grew past ${bytes} bytes without ending (the limit is ${limit} bytes)`,
    );
  }
}

// Values are decoded with Buffer's UTF-8 decoder: it replaces malformed
// sequences with U+FFFD as the WHATWG decoder does (tests cover it), keeps a
// BOM inside a line as text, and is much faster than TextDecoder on short lines.

/** Whether `buf[start, end)` is exactly the field name `field`. */
function isField(buf: Buffer, start: number, end: number, field: Uint8Array): boolean {
  if (end - start !== field.length) return false;
  for (let i = 0; i < field.length; i++) if (buf[start + i] !== field[i]) return false;
  return true;
}

function hasByte(buf: Buffer, start: number, end: number, byte: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] === byte) return true;
  return false;
}

function allDigits(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i]! < 0x30 || buf[i]! > 0x39) return false;
  return true;
}

/** Feed it bytes as they arrive, in chunks of any size; it calls the handlers synchronously. */
export class EventStreamParser {
  readonly #handlers: ParserHandlers;
  readonly #maxEventBytes: number;
  /** The stream's first bytes, held while they might still be a BOM. */
  #head: number[] | undefined = [];
  /** A chunk ended in CR: an LF opening the next chunk belongs to it. */
  #afterCR = false;
  #partial: Buffer[] = [];
  #partialBytes = 0;
  #data: string[] = [];
  #eventType = '';
  #bufferedBytes = 0;
  #idBuffer: string;
  #lastEventId: string;
  readonly #refuseId: ParserOptions['refuseId'];
  /** An event past the size limit, being counted and dropped until its blank line. */
  #oversized: { bytes: number; type: string; partialBytes: number } | undefined;
  #failed = false;

  constructor(handlers: ParserHandlers, options: ParserOptions = {}) {
    this.#handlers = handlers;
    this.#maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.#idBuffer = this.#lastEventId = options.lastEventId ?? '';
    this.#refuseId = options.refuseId;
  }

  /** The stream's last event ID string. */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  feed(bytes: Uint8Array): void {
    if (this.#failed) throw new Error('parser failed earlier; start a new one');
    let chunk = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.#head) {
      chunk = this.#stripBom(chunk);
      if (this.#head) return;
    }
    const length = chunk.length;
    let start = 0;
    if (this.#afterCR && length > 0) {
      this.#afterCR = false;
      if (chunk[0] === LF) start = 1;
    }
    // Next CR and LF positions, each found once and reused until passed: no rescans.
    let cr = -2;
    let lf = -2;
    while (start < length) {
      if (cr !== -1 && cr < start) cr = chunk.indexOf(CR, start);
      if (lf !== -1 && lf < start) lf = chunk.indexOf(LF, start);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      if (end === -1) {
        this.#keepPartial(chunk.subarray(start));
        return;
      }
      if (this.#oversized) this.#oversizedLine(start, end);
      else if (this.#partial.length === 0) this.#line(chunk, start, end);
      else {
        const line = this.#takeLine(chunk.subarray(start, end));
        this.#line(line, 0, line.length);
      }
      start = end + 1;
      if (end === cr) {
        if (start === length) this.#afterCR = true;
        else if (chunk[start] === LF) start++;
      }
    }
  }

  /** End of stream: an event without its closing blank line is discarded, as the spec says. */
  end(): void {
    this.#oversized = undefined;
    this.#partial = [];
    this.#partialBytes = 0;
    this.#resetEvent();
  }

  #stripBom(chunk: Buffer): Buffer {
    const head = this.#head!;
    let i = 0;
    while (i < chunk.length && head.length < BOM.length && chunk[i] === BOM[head.length])
      head.push(chunk[i++]!);
    if (head.length === BOM.length) {
      this.#head = undefined;
      return chunk.subarray(i);
    }
    if (i === chunk.length) return chunk.subarray(i); // still could be a BOM: wait for more
    this.#head = undefined;
    return head.length === 0 ? chunk : Buffer.concat([Buffer.from(head), chunk.subarray(i)]);
  }

  #keepPartial(piece: Buffer): void {
    if (this.#oversized) {
      this.#oversized.partialBytes += piece.length;
      this.#countOversized(piece.length);
      return;
    }
    // Copied: the caller may reuse its buffer once feed returns.
    this.#partial.push(Buffer.from(piece));
    this.#partialBytes += piece.length;
    if (this.#partialBytes > this.#maxEventBytes)
      this.#tooLarge(this.#bufferedBytes + this.#partialBytes, this.#partialBytes);
  }

  #takeLine(rest: Buffer): Buffer {
    if (this.#partial.length === 0) return rest;
    this.#partial.push(rest);
    const line = Buffer.concat(this.#partial, this.#partialBytes + rest.length);
    this.#partial = [];
    this.#partialBytes = 0;
    return line;
  }

  /** Whether the event just outgrew the limit (and is now counted, no longer kept). */
  #grow(lineBytes: number): boolean {
    this.#bufferedBytes += lineBytes;
    if (this.#bufferedBytes <= this.#maxEventBytes) return false;
    this.#tooLarge(this.#bufferedBytes, 0);
    return true;
  }

  /** The event outgrew the limit: drop what it holds, and count the rest of it until it ends. */
  #tooLarge(bytes: number, partialBytes: number): void {
    this.#oversized = { bytes: 0, type: this.#eventType, partialBytes };
    this.#partial = [];
    this.#partialBytes = 0;
    this.#data = [];
    this.#countOversized(bytes);
  }

  #countOversized(bytes: number): void {
    const o = this.#oversized!;
    o.bytes += bytes;
    // Reported as the bound passed, not as counted: how far past it depends on how chunks were cut.
    if (o.bytes > COUNT_UP_TO * this.#maxEventBytes) {
      o.bytes = COUNT_UP_TO * this.#maxEventBytes;
      this.#fail(false);
    }
  }

  /**
   * A line of an oversized event: only its length matters; a blank line ends
   * it. (An `event:` line now is not read: whether it is seen whole would
   * depend on how chunks were cut.)
   */
  #oversizedLine(start: number, end: number): void {
    const o = this.#oversized!;
    const length = o.partialBytes + end - start;
    o.partialBytes = 0;
    if (length === 0) this.#fail(true);
    this.#countOversized(end - start);
  }

  #fail(complete: boolean): never {
    const o = this.#oversized!;
    this.#failed = true;
    this.#oversized = undefined;
    throw new EventTooLargeError(this.#maxEventBytes, o.bytes, complete, o.type);
  }

  /** One line: `buf[start, end)`, without its line end. Works on the range, so no line is copied. */
  #line(buf: Buffer, start: number, end: number): void {
    const length = end - start;
    if (length === 0) return this.#dispatch();
    // Lines count as sent (field name included), so the outcome never depends on how chunks were cut.
    if (length > this.#maxEventBytes) return this.#tooLarge(this.#bufferedBytes + length, 0);
    if (buf[start] === COLON) return; // a comment
    let colon = start;
    while (colon < end && buf[colon] !== COLON) colon++;
    const valueStart = colon === end ? end : buf[colon + 1] === SPACE ? colon + 2 : colon + 1;
    if (isField(buf, start, colon, FIELD_DATA)) {
      if (!this.#grow(length)) this.#data.push(buf.toString('utf8', valueStart, end));
    } else if (isField(buf, start, colon, FIELD_EVENT)) {
      this.#eventType = buf.toString('utf8', valueStart, end);
      if (this.#grow(length)) this.#oversized!.type = this.#eventType;
    } else if (isField(buf, start, colon, FIELD_ID)) {
      if (!hasByte(buf, valueStart, end, 0)) this.#takeId(buf, valueStart, end);
    } else if (isField(buf, start, colon, FIELD_RETRY)) {
      if (valueStart < end && allDigits(buf, valueStart, end)) {
        this.#handlers.onRetry?.(Number.parseInt(buf.toString('latin1', valueStart, end), 10));
      }
    }
    // Any other field is ignored, as the spec says.
  }

  #takeId(buf: Buffer, start: number, end: number): void {
    const refused = this.#refuseId?.(buf, start, end);
    if (refused === undefined) this.#idBuffer = buf.toString('utf8', start, end);
    // Only the start is decoded: a refused id may be megabytes long.
    else this.#handlers.onRefusedId?.(refused, buf.toString('utf8', start, Math.min(end, start + 256)));
  }

  #dispatch(): void {
    const idChanged = this.#idBuffer !== this.#lastEventId;
    this.#lastEventId = this.#idBuffer;
    if (this.#data.length === 0) {
      this.#resetEvent();
      if (idChanged) this.#handlers.onLastEventId?.(this.#lastEventId);
      return;
    }
    const data = this.#data.length === 1 ? this.#data[0]! : this.#data.join('\n');
    const type = this.#eventType || 'message';
    this.#resetEvent();
    this.#handlers.onEvent({ type, data, lastEventId: this.#lastEventId });
  }

  #resetEvent(): void {
    this.#data = [];
    this.#eventType = '';
    this.#bufferedBytes = 0;
  }
}
