import { type Slot, UNKNOWN_LENGTH_SECONDS, nextSlot, pageMs } from '../../main/domain/playlist-schedule.ts';
import type { Playlist, PlaylistPage } from '../../main/domain/playlists.ts';

/** A clip that plays once gets this long past its known length before the player moves on anyway. */
const CLIP_GRACE_MS = 3_000;

export interface PlayerSource {
  playlist(): Playlist;
  timeZone(): string;
  /** Hub time now: dayparts and dates follow the venue's clock, not a screen whose own clock is off. */
  now(): number;
  /** A clip's length in seconds, once its metadata is known. */
  lengthOf(mediaId: string): number | undefined;
}

/**
 * Walks a playlist on the page's timers (`setTimeout`, so a test's fake
 * timers drive it) and picks pages by hub time (`source.now`, the page's
 * clock plus the hub's offset): each page for its duration, the next chosen
 * when it ends by the schedule in `playlist-schedule.ts`. A clip played once
 * ends the page itself (`ended()`), with a timer as the backstop.
 */
export class PlaylistPlayer {
  current = $state.raw<Slot | undefined>(undefined);
  /** Bumped on every page start, so the same page twice in a row restarts (a clip from its beginning). */
  turn = $state(0);
  /** When the current page started, by the page's clock. */
  startedAt = $state(0);
  readonly #source: PlayerSource;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(source: PlayerSource) {
    this.#source = source;
  }

  start(): void {
    this.stop();
    this.#advance(-1);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The page after the current one, by the schedule at this moment. */
  peek(): PlaylistPage {
    return nextSlot(
      this.#source.playlist(),
      this.current?.slot ?? -1,
      this.#source.now(),
      this.#source.timeZone(),
    ).page;
  }

  /** The current clip ended (or cannot play): on to the next page now. */
  ended(): void {
    this.#advance(this.current?.slot ?? -1);
  }

  #advance(from: number): void {
    clearTimeout(this.#timer);
    const next = nextSlot(this.#source.playlist(), from, this.#source.now(), this.#source.timeZone());
    this.current = next;
    this.startedAt = Date.now();
    this.turn++;
    const page = next.page;
    const onceClip = page.kind === 'video' && page.seconds === undefined;
    const length = onceClip ? this.#source.lengthOf(page.mediaId) : undefined;
    const ms = onceClip
      ? (length ?? UNKNOWN_LENGTH_SECONDS) * 1000 + CLIP_GRACE_MS
      : pageMs(page, (id) => this.#source.lengthOf(id));
    this.#timer = setTimeout(() => this.#advance(next.slot), ms);
  }
}
