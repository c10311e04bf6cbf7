import type { Venue } from '../../main/domain/records.ts';
import { type VenueFormat, venueFormat, venueHourCycle } from './format.ts';
import { type Messages, catalogTag, messagesFor } from './i18n/index.ts';

/** Everything a component needs to speak one language at a venue. */
export interface ScreenLang {
  /** The venue locale being shown (`zh-CN`, `fr`, …). */
  locale: string;
  /** `lang=` for the interface words, i.e. the catalog actually used. */
  uiLang: string;
  t: Messages;
  fmt: VenueFormat;
  /** The language base texts (untranslated titles) are taken to be in. */
  baseLang: string;
}

export function screenLang(venue: Pick<Venue, 'locales' | 'timezone'>, locale: string): ScreenLang {
  const primary = venue.locales[0] ?? 'en';
  const catalog = catalogTag(locale);
  const sameLanguage = catalog.split('-')[0] === locale.split('-')[0]!.toLowerCase();
  return {
    locale,
    uiLang: sameLanguage ? locale : catalog,
    t: messagesFor(locale),
    fmt: venueFormat(locale, venue.timezone, venueHourCycle(primary)),
    baseLang: primary,
  };
}
