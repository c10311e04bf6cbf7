import type { Logger } from '../log.ts';
import { UPSTREAM_ID_KEY, type Store } from '../store/store.ts';
import { UPSTREAM_URL_KEY } from './upstream-options.ts';
import { idForLog, idProblem } from './upstream-id.ts';

/** Mercure's reserved id: "everything you still hold" (asked after the feed lost our place). */
export const FULL_HISTORY = 'earliest';

/** `Last-Event-ID` on the wire: header values are bytes, so the UTF-8 of the id, one byte per char. */
export function lastEventIdHeader(id: string): string {
  return Buffer.from(id, 'utf8').toString('latin1');
}

/**
 * Where the relay resumes: the upstream id stored with the last applied
 * change, in the same transaction (the store writes it; this reads it). Ids
 * stay opaque strings; the only question asked of one is whether it can go
 * back as a header.
 */
export class ResumePoint {
  readonly #store: Store;
  readonly #url: string;
  readonly #log: Logger;

  constructor(store: Store, url: URL, log: Logger) {
    this.#store = store;
    this.#url = url.href;
    this.#log = log;
  }

  /**
   * The id to resume from, or empty for a snapshot: empty too when it belongs
   * to another feed URL or cannot go back as a header (an older Marquee stored
   * any id the feed sent).
   */
  id(): string {
    const id = this.#stored();
    return id && idProblem(id) ? '' : id;
  }

  /** `id()`, first dropping (with a warning) a stored id that cannot be sent, so the warning comes once. */
  take(): string {
    const stored = this.#stored();
    const problem = stored && idProblem(stored);
    if (!problem) return stored;
    this.#log.warn('stored upstream id cannot go back as Last-Event-ID; starting afresh from a snapshot', {
      id: idForLog(stored),
      reason: problem,
    });
    this.forget();
    return '';
  }

  /** Starts afresh from a snapshot. Best effort: a failing disk shows in health already. */
  forget(): void {
    this.#set('');
  }

  /** The next attempt asks for the whole history the feed holds (Mercure's `earliest`). */
  askForAll(): void {
    this.#set(FULL_HISTORY);
  }

  #set(id: string): void {
    try {
      this.#store.apply([], { origin: 'upstream', upstreamId: id });
    } catch (err) {
      this.#log.error('could not forget the upstream id', { error: String(err) });
    }
  }

  #stored(): string {
    if (this.#store.meta.get(UPSTREAM_URL_KEY) !== this.#url) return '';
    return this.#store.meta.get(UPSTREAM_ID_KEY) ?? '';
  }
}
