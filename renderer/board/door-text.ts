import type { DoorShow } from '../lib/door-view.ts';
import type { ScreenLang } from '../lib/screen-lang.ts';

/** `19:30`, or `Tomorrow 10:00` / `Saturday 10:00` for a later day. */
export function showWhen(show: DoorShow, lang: ScreenLang): string {
  const time = lang.fmt.time(show.startsAt);
  if (show.dayOffset === 0) return time;
  return `${show.dayOffset === 1 ? lang.t.tomorrow : lang.fmt.weekday(show.startsAt)} ${time}`;
}

/** Seats in words: sold out, a count when few are left, else simply available. */
export function seatsText(show: DoorShow, lang: ScreenLang): string {
  if (show.level === 'soldout') return lang.t.soldOut;
  if (show.level === 'few') return lang.t.fewLeft(lang.fmt.number(show.seatsAvailable));
  return lang.t.available;
}
