/**
 * The load generator's whole HTTP client: just enough parsing to find each
 * SSE frame's `id:` and `event:` in a raw response, so that thousands of
 * streams cost little more than their reads. Handles chunked and identity
 * bodies, frames split across reads, and chunk boundaries inside frames.
 */
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const HEADER_END = Buffer.from('\r\n\r\n');
const FRAME_END = Buffer.from('\n\n');
const ID = Buffer.from('id:');
const EVENT = Buffer.from('event:');
/** Fields come before `data:` in every server measured, so the head of a frame is enough. */
const HEAD_BYTES = 256;

export interface ScannerCallbacks {
  /** The status line and headers arrived. */
  onHeaders(status: number): void;
  /** One complete frame, with the sequence number of its `id:` (`<seq>` or `<epoch>-<seq>`) and its `event:` name. */
  onFrame(seq: number | undefined, event: string | undefined): void;
  /** The body ended (last chunk) or the connection closed. */
  onEnd(): void;
}

export class SseScanner {
  readonly #cb: ScannerCallbacks;
  #head: Buffer[] = [];
  #inBody = false;
  #chunked = false;
  /** Bytes left in the current chunk; -1 while reading a size line. */
  #remaining = -1;
  #size = 0;
  #extension = false;
  #skip = 0;
  #frame: Buffer[] = [];
  #endsWithLf = false;
  #ended = false;

  constructor(callbacks: ScannerCallbacks) {
    this.#cb = callbacks;
  }

  push(buf: Buffer): void {
    if (this.#ended) return;
    if (!this.#inBody) {
      this.#head.push(buf);
      const all = this.#head.length === 1 ? buf : Buffer.concat(this.#head);
      const end = all.indexOf(HEADER_END);
      if (end < 0) {
        this.#head = [all];
        return;
      }
      this.#head = [];
      this.#inBody = true;
      const headers = all.toString('latin1', 0, end);
      this.#chunked = /\r\ntransfer-encoding:\s*chunked/i.test(headers);
      this.#cb.onHeaders(Number(headers.slice(9, 12)));
      buf = all.subarray(end + 4);
    }
    if (!this.#chunked) {
      this.#payload(buf);
      return;
    }
    let i = 0;
    while (i < buf.length && !this.#ended) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, buf.length - i);
        this.#skip -= n;
        i += n;
      } else if (this.#remaining > 0) {
        const n = Math.min(this.#remaining, buf.length - i);
        this.#payload(buf.subarray(i, i + n));
        this.#remaining -= n;
        i += n;
        if (this.#remaining === 0) {
          this.#remaining = -1;
          this.#skip = 2;
        }
      } else {
        const c = buf[i++] ?? 0;
        if (c === LF) {
          if (this.#size === 0) {
            this.#ended = true;
            this.#cb.onEnd();
            return;
          }
          this.#remaining = this.#size;
          this.#size = 0;
          this.#extension = false;
        } else if (c !== CR && !this.#extension) {
          const digit = hexValue(c);
          // A chunk extension (`;name=value`) ends the size; nobody here sends one.
          if (digit < 0) this.#extension = true;
          else this.#size = this.#size * 16 + digit;
        }
      }
    }
  }

  /** The connection closed. */
  close(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#cb.onEnd();
  }

  #payload(piece: Buffer): void {
    let start = 0;
    if (this.#endsWithLf && piece.length > 0 && piece[0] === LF) {
      this.#emit();
      start = 1;
    }
    for (;;) {
      const j = piece.indexOf(FRAME_END, start);
      if (j < 0) break;
      this.#frame.push(piece.subarray(start, j + 1));
      this.#emit();
      start = j + 2;
    }
    if (start < piece.length) {
      this.#frame.push(piece.subarray(start));
      this.#endsWithLf = piece[piece.length - 1] === LF;
    } else {
      this.#endsWithLf = false;
    }
  }

  #emit(): void {
    const parts = this.#frame;
    this.#frame = [];
    this.#endsWithLf = false;
    if (parts.length === 0) return;
    const frame = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const head = frame.subarray(0, HEAD_BYTES);
    this.#cb.onFrame(fieldNumber(head), fieldText(head, EVENT));
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** Offset of a field's value at the start of a line, or -1. */
function fieldStart(head: Buffer, name: Buffer): number {
  let at = head.indexOf(name);
  while (at > 0 && head[at - 1] !== LF) at = head.indexOf(name, at + 1);
  if (at < 0) return -1;
  at += name.length;
  // One space after the colon is optional (WHATWG): better-sse leaves it out.
  return head[at] === SPACE ? at + 1 : at;
}

/** The digits that end the `id:` line: the whole id, or what follows the epoch's `-`. */
function fieldNumber(head: Buffer): number | undefined {
  const at = fieldStart(head, ID);
  if (at < 0) return undefined;
  let n = 0;
  let digits = 0;
  for (let i = at; i < head.length; i++) {
    const c = head[i] ?? 0;
    if (c === LF || c === CR) break;
    if (c >= 0x30 && c <= 0x39) {
      n = n * 10 + (c - 0x30);
      digits++;
    } else {
      // Epoch characters and its `-`: only the digits after them count.
      n = 0;
      digits = 0;
    }
  }
  return digits > 0 ? n : undefined;
}

function fieldText(head: Buffer, name: Buffer): string | undefined {
  const at = fieldStart(head, name);
  if (at < 0) return undefined;
  const end = head.indexOf(LF, at);
  return head.toString('latin1', at, end < 0 ? head.length : end);
}
