import type { ShowingKind, ShowingReport } from '../../main/domain/displays.ts';
import type { PlaylistPage } from '../../main/domain/playlists.ts';

/** One page on the screen: its kind, the record it is about, and when it came on (the page's clock). */
export interface Showing {
  readonly kind: ShowingKind;
  readonly id?: string | undefined;
  readonly since: number;
}

/**
 * What this screen shows now, for its heartbeat: the lobby player (or a door
 * sign on its own) says each page as it comes on; the heartbeat reads it and
 * beats early when it changes, so staff see the change within seconds.
 */
export class NowShowing {
  #current: Showing | undefined;
  readonly #listeners = new Set<() => void>();

  get current(): Showing | undefined {
    return this.#current;
  }

  /**
   * A page came on. The same page again (the board's next pass, a clip
   * replayed) changes nothing: to staff it has been on since it first came.
   */
  show(page: Showing): void {
    const c = this.#current;
    if (c && c.kind === page.kind && c.id === page.id) return;
    this.#current = { kind: page.kind, ...(page.id !== undefined && { id: page.id }), since: page.since };
    for (const listener of this.#listeners) listener();
  }

  /** The report for a heartbeat sent at `now`; `undefined` before the first page. */
  report(now: number): ShowingReport | undefined {
    const c = this.#current;
    if (!c) return undefined;
    return {
      kind: c.kind,
      ...(c.id !== undefined && { id: c.id }),
      forMs: Math.max(0, Math.round(now - c.since)),
    };
  }

  /** Hears every change; returns the function that stops it. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** What a playlist page shows; `board` is the kind a screen's plain board is (`departures` on a departures screen). */
export function showingOf(page: PlaylistPage, since: number, board: 'board' | 'departures'): Showing {
  switch (page.kind) {
    case 'board':
      return { kind: board, since };
    case 'departures':
      return { kind: 'departures', since };
    case 'spotlight':
      return { kind: 'spotlight', id: page.filmId, since };
    case 'image':
    case 'video':
      return { kind: page.kind, id: page.mediaId, since };
    case 'door':
      return { kind: 'door', id: page.auditoriumId, since };
  }
}

/** The page's one reporter: a screen is one page, whichever component draws it. */
export const nowShowing = new NowShowing();
