export interface Point {
  readonly x: number;
  readonly y: number;
}

/** CSS that hides the pointer over a lobby page; inserted while the mouse is idle. */
export const HIDE_CURSOR_CSS = 'html, html * { cursor: none !important; }';

export interface IdleCursorOptions {
  /** Idle time after which the pointer hides. */
  idleMs: number;
  /** How often the pointer position is sampled. Default 500 ms. */
  pollMs?: number;
  /** Where the pointer is now (Electron: `screen.getCursorScreenPoint()`). */
  position: () => Point;
  /** Applies the state to every lobby window. Called on changes only. */
  setHidden: (hidden: boolean) => void;
}

/**
 * Hides the pointer once it has not moved for `idleMs`, shows it again as
 * soon as it moves. Polls the position from the main process so that lobby
 * pages need no script for it and the preload stays minimal.
 */
export class IdleCursor {
  readonly #options: Required<IdleCursorOptions>;
  readonly #timer: ReturnType<typeof setInterval>;
  #last: Point;
  #stillFor = 0;
  #hidden = false;

  constructor(options: IdleCursorOptions) {
    this.#options = { pollMs: 500, ...options };
    this.#last = options.position();
    this.#timer = setInterval(() => this.#sample(), this.#options.pollMs);
    this.#timer.unref?.();
  }

  get hidden(): boolean {
    return this.#hidden;
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #sample(): void {
    const now = this.#options.position();
    const moved = now.x !== this.#last.x || now.y !== this.#last.y;
    this.#last = now;
    this.#stillFor = moved ? 0 : this.#stillFor + this.#options.pollMs;
    const hidden = this.#stillFor >= this.#options.idleMs;
    if (hidden !== this.#hidden) {
      this.#hidden = hidden;
      this.#options.setHidden(hidden);
    }
  }
}
