import type { ShowView } from './board-view.ts';
import type { ScreenLang } from './screen-lang.ts';

/** A showtime chip's status line. */
export interface ChipStatus {
  text: string;
  /** It is about seats, so it is greyed when the data is stale. */
  seats: boolean;
  /** Nothing worth saying (plenty of seats): a board shows a quiet dot, `text` is for screen readers. */
  quiet?: boolean;
}

/**
 * One line says what matters most: a cancellation, then no seats (sold out
 * beats seating now), then the clock, then few seats; plenty says nothing.
 */
export function chipStatus(
  show: Pick<ShowView, 'level' | 'phase' | 'seatsAvailable'>,
  lang: ScreenLang,
): ChipStatus {
  const t = lang.t;
  if (show.level === 'cancelled') return { text: t.cancelled, seats: false };
  if (show.level === 'soldout') return { text: t.soldOut, seats: true };
  if (show.phase === 'seating') return { text: t.seatingNow, seats: false };
  if (show.phase === 'started') return { text: t.started, seats: false };
  if (show.level === 'few') return { text: t.fewLeft(lang.fmt.number(show.seatsAvailable)), seats: true };
  return { text: t.available, seats: true, quiet: true };
}

/**
 * Every text a chip's status line can show in `lang`, or something at least
 * as wide. "N left" is given for the largest count it is shown for
 * (`fewSeatsThreshold`: the venue's largest few-seats limit over its rooms), and again with every digit in turn in each of
 * its places, so that no smaller count comes out wider whatever the font's
 * digits. A status line as wide as the widest of these never changes a
 * chip's size when its seats do.
 */
export function statusTexts(lang: ScreenLang, fewSeatsThreshold: number): string[] {
  const t = lang.t;
  // "Available" is never printed on a chip (a quiet dot), so it does not set the width.
  const texts = [t.soldOut, t.cancelled, t.seatingNow, t.started];
  if (fewSeatsThreshold >= 1) {
    const shape = lang.fmt.number(fewSeatsThreshold);
    texts.push(t.fewLeft(shape));
    for (let d = 0; d <= 9; d++) {
      const digit = lang.fmt.number(d);
      texts.push(t.fewLeft(shape.replace(/\p{Nd}/gu, digit)));
    }
  }
  return [...new Set(texts)];
}
