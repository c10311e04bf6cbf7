import { describeLanguages } from '../../main/domain/languages.ts';
import { type VenueTag, canonicalTag, tagKind, tagLabel } from '../../main/domain/tags.ts';

/** One thing a screening offers, as a screen prints it. */
export interface OfferLabel {
  /** The canonical tag, for tests and styling. */
  tag: string;
  /** Its word in the screen's language. */
  text: string;
  /** A short sign set before the word, for accessibility tags. */
  symbol: string | undefined;
}

/**
 * Signs for the accessibility tags, as lobbies and ticketing sites print
 * them: the letters in a box for AD, CC and open captions, the wheelchair
 * sign, the T of a hearing loop. Each is shown with its word, never alone.
 */
const ACCESS_SYMBOLS: Readonly<Record<string, string>> = {
  AD: 'AD',
  CC: 'CC',
  'Open captions': 'OC',
  Wheelchair: '♿',
  'Hearing loop': 'T',
  Relaxed: '☺',
};

/** A show's offers (canonical tags, see `ShowView.tags`) in `locale`: formats first, accessibility last. */
export function offerLabels(
  tags: readonly string[],
  locale: string,
  venueTags: readonly VenueTag[] = [],
): OfferLabel[] {
  const rank = (tag: string) => {
    const kind = tagKind(tag, venueTags);
    return kind === 'format' ? 0 : kind === 'accessibility' ? 2 : 1;
  };
  return tags
    .map((raw, i) => ({ raw, i, rank: rank(raw) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map(({ raw, rank: r }) => {
      const tag = canonicalTag(raw, venueTags);
      return {
        tag,
        text: tagLabel(raw, locale, venueTags),
        symbol: r === 2 ? ACCESS_SYMBOLS[tag] : undefined,
      };
    });
}

/** The show's language line in `locale` ("Mandarin, English subtitles"); `''` when unknown. */
export function languageLine(
  show: { audio: string | undefined; subtitles: readonly string[] },
  locale: string,
): string {
  return describeLanguages({ audio: show.audio, subtitles: show.subtitles }, locale);
}
