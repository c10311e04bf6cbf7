import { type ChipStatus, chipStatus } from '../lib/chip-status.ts';
import type { DoorShow } from '../lib/door-view.ts';
import type { ScreenLang } from '../lib/screen-lang.ts';

/** `19:30`, or `Tomorrow 10:00` / `Saturday 10:00` for a later day. */
export function showWhen(show: DoorShow, lang: ScreenLang): string {
  const time = lang.fmt.time(show.startsAt);
  if (show.dayOffset === 0) return time;
  return `${show.dayOffset === 1 ? lang.t.tomorrow : lang.fmt.weekday(show.startsAt)} ${time}`;
}

/**
 * A door sign's seats, by the board chip's own rule (`chipStatus`): sold out
 * and the venue's few-seats "N left" speak, plenty is `quiet` (a dot, its
 * `text` for screen readers). The sign's badge already says seating or
 * running, so the clock is left out: the chip's rule as for a show not yet seating.
 */
export function doorSeats(show: DoorShow, lang: ScreenLang): ChipStatus {
  return chipStatus({ level: show.level, seatsAvailable: show.seatsAvailable, phase: 'upcoming' }, lang);
}
