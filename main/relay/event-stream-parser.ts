/**
 * A `text/event-stream` parser that follows the WHATWG HTML rules
 * (§9.2.6 "Interpreting an event stream") byte for byte.
 *
 * Why not eventsource-parser 3 (installed, and used by the test client)? Our
 * conformance tests showed three deviations that matter to a relay:
 * - it forgets the last event ID after every event, and drops an id that comes
 *   in a block without data (`id: 7` + blank line), so `Last-Event-ID` after
 *   reconnecting could be wrong;
 * - a CR at the very end of a chunk holds the event back until the next chunk
 *   arrives, which for a CR-only server means until the next heartbeat;
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
}

export interface ParserOptions {
  /**
   * Most bytes an event may take before the blank line that ends it: its
   * `data:` and `event:` lines as sent, including any unfinished line. No single
   * line may be longer either. Comment lines and unknown fields are dropped as
   * they complete, so they never add up. Default 16 MiB.
   */
  maxEventBytes?: number;
  /** The last event ID carried over from an earlier connection. Default empty. */
  lastEventId?: string;
}

export const DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

/** Thrown by `feed` when an event outgrows `maxEventBytes`; the parser must then be discarded. */
export class EventTooLargeError extends Error {
  override name = 'EventTooLargeError';
  constructor(readonly limit: number) {
    super(`an event grew past ${limit} bytes without ending`);
  }
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const decode = (b: Uint8Array) => decoder.decode(b);

function startsWithField(line: Uint8Array, end: number, field: Uint8Array): boolean {
  if (end !== field.length) return false;
  for (let i = 0; i < end; i++) if (line[i] !== field[i]) return false;
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
  #partial: Uint8Array[] = [];
  #partialBytes = 0;
  #data: string[] = [];
  #eventType = '';
  #bufferedBytes = 0;
  #idBuffer: string;
  #lastEventId: string;
  #failed = false;

  constructor(handlers: ParserHandlers, options: ParserOptions = {}) {
    this.#handlers = handlers;
    this.#maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.#idBuffer = this.#lastEventId = options.lastEventId ?? '';
  }

  /** The stream's last event ID string. */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  feed(chunk: Uint8Array): void {
    if (this.#failed) throw new Error('parser failed earlier; start a new one');
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
      this.#line(this.#takeLine(chunk.subarray(start, end)));
      start = end + 1;
      if (end === cr) {
        if (start === length) this.#afterCR = true;
        else if (chunk[start] === LF) start++;
      }
    }
  }

  /** End of stream: an event without its closing blank line is discarded, as the spec says. */
  end(): void {
    this.#partial = [];
    this.#partialBytes = 0;
    this.#resetEvent();
  }

  #stripBom(chunk: Uint8Array): Uint8Array {
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
    return head.length === 0 ? chunk : Uint8Array.from([...head, ...chunk.subarray(i)]);
  }

  #keepPartial(piece: Uint8Array): void {
    // Copied: the caller may reuse its buffer once feed returns.
    this.#partial.push(piece.slice());
    this.#partialBytes += piece.length;
    if (this.#partialBytes > this.#maxEventBytes) this.#fail();
  }

  #takeLine(rest: Uint8Array): Uint8Array {
    if (this.#partial.length === 0) return rest;
    this.#partial.push(rest);
    const line = Buffer.concat(this.#partial, this.#partialBytes + rest.length);
    this.#partial = [];
    this.#partialBytes = 0;
    return line;
  }

  #grow(lineBytes: number): void {
    this.#bufferedBytes += lineBytes;
    if (this.#bufferedBytes > this.#maxEventBytes) this.#fail();
  }

  #fail(): never {
    this.#failed = true;
    this.#partial = [];
    this.#data = [];
    throw new EventTooLargeError(this.#maxEventBytes);
  }

  #line(line: Uint8Array): void {
    if (line.length === 0) return this.#dispatch();
    // Lines count as sent (field name included), so the outcome never depends on how chunks were cut.
    if (line.length > this.#maxEventBytes) this.#fail();
    if (line[0] === COLON) return; // a comment
    let colon = line.indexOf(COLON);
    let valueStart: number;
    if (colon === -1) {
      colon = line.length;
      valueStart = line.length;
    } else {
      valueStart = line[colon + 1] === SPACE ? colon + 2 : colon + 1;
    }
    const value = line.subarray(valueStart);
    if (startsWithField(line, colon, FIELD_DATA)) {
      this.#grow(line.length);
      this.#data.push(decode(value));
    } else if (startsWithField(line, colon, FIELD_EVENT)) {
      this.#grow(line.length);
      this.#eventType = decode(value);
    } else if (startsWithField(line, colon, FIELD_ID)) {
      if (!value.includes(0)) this.#idBuffer = decode(value);
    } else if (startsWithField(line, colon, FIELD_RETRY)) {
      if (value.length > 0 && value.every((b) => b >= 0x30 && b <= 0x39)) {
        this.#handlers.onRetry?.(Number.parseInt(decode(value), 10));
      }
    }
    // Any other field is ignored, as the spec says.
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
