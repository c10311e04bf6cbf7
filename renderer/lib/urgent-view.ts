import type { Announcement } from '../../main/domain/records.ts';
import { activeAnnouncements } from './announcements.ts';
import { type LocalizedText, localized } from './localize.ts';

/**
 * The urgent announcement that takes over the screen at `now`: the highest
 * priority one showing. It stays for as long as the screen holds it and its
 * end has not come, connected or not: a screen that lost the hub still
 * drops it at its end time, by its own clock.
 */
export function urgentNow(all: Iterable<Announcement>, now: number): Announcement | undefined {
  return activeAnnouncements(all, now).find((a) => a.urgent);
}

/**
 * The urgent text in each of the venue's languages, in their order, one entry
 * per distinct text: a language with no translation would only repeat the base
 * text. Every language is shown even on a screen set to one of them, since
 * anyone in the lobby must be able to read it.
 */
export function urgentTexts(a: Announcement, locales: readonly string[]): LocalizedText[] {
  const base = locales[0] ?? 'en';
  const out: LocalizedText[] = [];
  for (const locale of locales.length > 0 ? locales : [base]) {
    const t = localized(a.text, a.texts, locale, base);
    if (!out.some((o) => o.text === t.text)) out.push(t);
  }
  return out;
}
