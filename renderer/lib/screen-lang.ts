import type { Venue } from '../../main/domain/records.ts';
import { resolveHourCycle } from '../../main/domain/venue-clock.ts';
import { type VenueFormat, venueFormat } from './format.ts';
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

/** `venue.settings.hourCycle` (default `auto`, from the venue's first locale) sets every language's clock. */
export function screenLang(
  venue: Pick<Venue, 'locales' | 'timezone'> & { settings?: Pick<Venue['settings'], 'hourCycle'> },
  locale: string,
): ScreenLang {
  const primary = venue.locales[0] ?? 'en';
  const catalog = catalogTag(locale);
  const sameLanguage = catalog.split('-')[0] === locale.split('-')[0]!.toLowerCase();
  return {
    locale,
    uiLang: sameLanguage ? locale : catalog,
    t: messagesFor(locale),
    fmt: venueFormat(
      locale,
      venue.timezone,
      resolveHourCycle({
        locales: venue.locales,
        settings: { hourCycle: venue.settings?.hourCycle ?? 'auto' },
      }),
    ),
    baseLang: primary,
  };
}
