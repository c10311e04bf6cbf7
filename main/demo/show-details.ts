import { languagesFromTags } from '../domain/languages.ts';
import type { Auditorium, Showtime } from '../domain/records.ts';
import { tagKind } from '../domain/tags.ts';
import type { DemoFilm } from './catalog.ts';

/** The part of a show that depends on its film, its room and its place in the room's day. */
export type ShowDetails = Pick<Showtime, 'tags' | 'audio' | 'subtitles'>;

/** One show a day in these rooms carries an accessibility or audience tag (by the show's number). */
const SPECIAL_SHOWS: readonly { auditoriumId: string; n: number; tag: string }[] = [
  { auditoriumId: 'aud-3', n: 1, tag: 'AD' },
  { auditoriumId: 'aud-4', n: 2, tag: 'CC' },
  { auditoriumId: 'aud-5', n: 0, tag: 'Parent & Baby' },
  { auditoriumId: 'aud-6', n: 0, tag: 'Relaxed' },
  { auditoriumId: 'aud-7', n: 3, tag: 'Open captions' },
];

/**
 * What the `n`th show of the day of `film` in `auditorium` offers, as a
 * Singapore multiplex runs it: a "3D" film in 3D at every other show outside
 * a premium room (the room's own format wins); a "Dubbed" one dubbed into
 * Mandarin at every other show; Chinese subtitles under English and English
 * and Chinese under everything else; one special show a day in some rooms.
 * The film's old-style tags become languages through `languagesFromTags`.
 */
export function demoShowDetails(
  film: DemoFilm,
  auditorium: Pick<Auditorium, 'id' | 'features'>,
  n: number,
): ShowDetails {
  const roomHasFormat = (auditorium.features ?? []).some((f) => tagKind(f) === 'format');
  const tags: string[] = [];
  const languageTags: string[] = [];
  for (const tag of film.showTags) {
    if (tagKind(tag) === 'format') {
      if (!roomHasFormat && n % 2 === 0) tags.push(tag);
    } else if (tag !== 'Dubbed' || n % 2 === 1) languageTags.push(tag);
  }
  const subtitlesIn = film.language === 'en' ? ['zh-Hans'] : ['en', 'zh-Hans'];
  const langs = languagesFromTags(languageTags, { original: film.language, dubbedInto: 'cmn', subtitlesIn });
  const audio = langs.audio ?? film.language;
  const subtitles = langs.subtitles.length > 0 ? langs.subtitles : audio === 'cmn' ? ['en'] : subtitlesIn;
  tags.push(...langs.tags);
  for (const s of SPECIAL_SHOWS) if (s.auditoriumId === auditorium.id && s.n === n) tags.push(s.tag);
  return { tags, audio, subtitles };
}

/** The films a room plays: its premium films in the IMAX and the Dolby Cinema, any film elsewhere. */
export function filmsFor(films: readonly DemoFilm[], auditoriumId: string): readonly DemoFilm[] {
  if (auditoriumId === 'aud-1') return films.filter((f) => f.premium === 'imax');
  if (auditoriumId === 'aud-2') return films.filter((f) => f.premium === 'dolby');
  return films;
}
