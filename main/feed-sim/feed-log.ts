import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

/** One event of the simulated feed; `json` is the exact `data:` payload. */
export interface FeedEvent {
  readonly seq: number;
  readonly type: string;
  readonly json: string;
}

/**
 * The simulator's event log in memory: the newest `maxEvents` events, so a
 * client that reconnects with `Last-Event-ID` gets exactly what it missed.
 */
export class FeedLog {
  readonly #maxEvents: number;
  #events: FeedEvent[] = [];
  #seq: number;

  /** @param lastSeq the sequence number before the first event appended here */
  constructor(lastSeq: number, maxEvents: number) {
    this.#seq = lastSeq;
    this.#maxEvents = maxEvents;
  }

  get seq(): number {
    return this.#seq;
  }

  /** Every event still held, oldest first. */
  held(): readonly FeedEvent[] {
    return this.#events;
  }

  append(type: string, json: string): FeedEvent {
    const event = { seq: ++this.#seq, type, json };
    this.#events.push(event);
    // Trimmed in steps, so the copy happens once per many appends.
    if (this.#events.length > this.#maxEvents * 1.25) this.#events = this.#events.slice(-this.#maxEvents);
    return event;
  }

  /** Adds an event read back from disk, keeping its number. */
  restore(event: FeedEvent): void {
    this.#seq = event.seq;
    this.#events.push(event);
    if (this.#events.length > this.#maxEvents * 1.25) this.#events = this.#events.slice(-this.#maxEvents);
  }

  /** Events after `seq`, or `undefined` when they are not all held (the client needs a snapshot). */
  after(seq: number): FeedEvent[] | undefined {
    if (!Number.isSafeInteger(seq) || seq > this.#seq) return undefined;
    const first = this.#events[0]?.seq ?? this.#seq + 1;
    if (seq < first - 1) return undefined;
    return this.#events.slice(seq - first + 1);
  }
}

/** A line of the log file: an event, or a `snapshot` checkpoint written when the file is compacted. */
export interface FileRecord {
  seq: number;
  type: string;
  data: unknown;
}

/**
 * The log on disk as JSON lines, so a restarted simulator continues the same
 * history and hubs resume against it. Appends are plain writes, not synced:
 * a killed process loses nothing the kernel has; a power cut may lose the tail,
 * which a simulator can afford.
 */
export class FeedFile {
  readonly #fd: number;
  #closed = false;

  private constructor(readonly path: string) {
    this.#fd = openSync(path, 'a');
  }

  /**
   * Reads the records in `path` (none if it does not exist). A last line cut
   * short by a crash is dropped. When the file holds more than `keep` × 2
   * records it is rewritten as a checkpoint plus the newest `keep`, made by
   * `checkpoint` from the records before them.
   */
  static open(
    path: string,
    keep: number,
    checkpoint: (older: readonly FileRecord[]) => FileRecord,
  ): { file: FeedFile; records: FileRecord[] } {
    let records: FileRecord[] = [];
    if (existsSync(path)) {
      const lines = readFileSync(path, 'utf8').split('\n');
      for (const line of lines) {
        if (line === '') continue;
        try {
          records.push(JSON.parse(line) as FileRecord);
        } catch {
          break; // a torn last write
        }
      }
      if (records.length > keep * 2 || records.length < lines.filter(Boolean).length) {
        const cut = Math.max(0, records.length - keep);
        if (cut > 0) records = [checkpoint(records.slice(0, cut)), ...records.slice(cut)];
        rewrite(path, records);
      }
    }
    return { file: new FeedFile(path), records };
  }

  append(events: readonly FeedEvent[]): void {
    if (events.length === 0) return;
    writeSync(
      this.#fd,
      events.map((e) => `{"seq":${e.seq},"type":${JSON.stringify(e.type)},"data":${e.json}}\n`).join(''),
    );
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
  }
}

function rewrite(path: string, records: readonly FileRecord[]): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, records.map((r) => JSON.stringify(r) + '\n').join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
