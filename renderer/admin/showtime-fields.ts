import { LANGUAGE_NAMES, languageName } from '../../main/domain/languages.ts';
import type { Showtime } from '../../main/domain/records.ts';
import { KNOWN_TAGS, type TagKind, type VenueTag, tagKind, tagLabel } from '../../main/domain/tags.ts';
import { dateKeyOf, isoOf, timeOf } from './venue-time.ts';

/** What the showtime form holds: text for inputs, lists for checkbox groups. */
export interface ShowtimeValues {
  filmId: string;
  auditoriumId: string;
  date: string;
  time: string;
  /** Minutes from the advertised start to the feature; blank: the venue's pre-show minutes. */
  featureMinutes: string;
  /** Blank: none. */
  extraMinutes: string;
  tags: string[];
  /** Blank: not known. */
  audio: string;
  subtitles: string[];
  capacity: string;
  seats: string;
  status: Showtime['status'];
  force: boolean;
}

/** The record's fields the form edits, as the API names them. */
export type ShowtimeFields = Partial<
  Pick<
    Showtime,
    | 'filmId'
    | 'auditoriumId'
    | 'startsAt'
    | 'featureStartsAt'
    | 'extraMinutes'
    | 'tags'
    | 'audio'
    | 'subtitles'
    | 'capacity'
    | 'seatsAvailable'
    | 'status'
  >
>;

const MINUTE = 60_000;

export function valuesOf(
  s: Showtime | undefined,
  defaults: { filmId: string; auditoriumId: string; date: string },
  timeZone: string,
): ShowtimeValues {
  const feature = s?.featureStartsAt;
  return {
    filmId: s?.filmId ?? defaults.filmId,
    auditoriumId: s?.auditoriumId ?? defaults.auditoriumId,
    date: s ? dateKeyOf(s.startsAt, timeZone) : defaults.date,
    time: s ? timeOf(s.startsAt, timeZone) : '19:00',
    featureMinutes:
      s && feature !== undefined
        ? String(Math.round((Date.parse(feature) - Date.parse(s.startsAt)) / MINUTE))
        : '',
    extraMinutes: s?.extraMinutes === undefined ? '' : String(s.extraMinutes),
    tags: [...(s?.tags ?? [])],
    audio: s?.audio ?? '',
    subtitles: [...(s?.subtitles ?? [])],
    capacity: s ? String(s.capacity) : '',
    seats: s ? String(s.seatsAvailable) : '',
    status: s?.status ?? 'scheduled',
    force: false,
  };
}

/** The stored record's edited fields, in the shape `fieldsOf` gives, so unchanged ones compare equal. */
export function storedFields(s: Showtime): ShowtimeFields {
  return {
    filmId: s.filmId,
    auditoriumId: s.auditoriumId,
    startsAt: s.startsAt,
    featureStartsAt: s.featureStartsAt,
    extraMinutes: s.extraMinutes,
    tags: s.tags,
    audio: s.audio,
    // An empty list is the same as none.
    subtitles: s.subtitles && s.subtitles.length > 0 ? s.subtitles : undefined,
    capacity: s.capacity,
    seatsAvailable: s.seatsAvailable,
    status: s.status,
  };
}

/**
 * The fields the form describes. An instant that names the stored one's
 * moment keeps the stored text, so an untouched time is no change; a number
 * that does not parse is sent as typed text for the hub to refuse by name.
 */
export function fieldsOf(v: ShowtimeValues, timeZone: string, stored: Showtime | undefined): ShowtimeFields {
  const sameAs = (iso: string, was: string | undefined) =>
    was !== undefined && Date.parse(was) === Date.parse(iso) ? was : iso;
  const startIso = isoOf(v.date, v.time, timeZone);
  const startsAt = startIso === undefined ? `${v.date}T${v.time}` : sameAs(startIso, stored?.startsAt);
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const feature = num(v.featureMinutes);
  const featureStartsAt =
    feature === undefined || startIso === undefined || !Number.isFinite(feature)
      ? undefined
      : sameAs(new Date(Date.parse(startIso) + feature * MINUTE).toISOString(), stored?.featureStartsAt);
  return {
    filmId: v.filmId,
    auditoriumId: v.auditoriumId,
    startsAt,
    featureStartsAt,
    extraMinutes: num(v.extraMinutes),
    tags: v.tags,
    audio: v.audio.trim() || undefined,
    subtitles: v.subtitles.length > 0 ? v.subtitles : undefined,
    capacity: num(v.capacity),
    seatsAvailable: num(v.seats),
    status: v.status,
  };
}

/** The kinds of tag a showtime carries, in the order the form groups them. */
const SHOW_KINDS: readonly { kind: TagKind; label: string }[] = [
  { kind: 'format', label: 'Format' },
  { kind: 'audio', label: 'Sound and language' },
  { kind: 'accessibility', label: 'Accessibility' },
  { kind: 'audience', label: 'Audience' },
  { kind: 'event', label: 'Event' },
];

export interface TagGroup {
  label: string;
  tags: { tag: string; label: string }[];
}

/**
 * The vocabulary's and the venue's tags grouped by kind, plus an "Other"
 * group for any the show already has that neither defines (kept, not lost).
 */
export function tagGroups(venueTags: readonly VenueTag[], has: readonly string[]): TagGroup[] {
  const all = [...KNOWN_TAGS.map((t) => t.tag), ...venueTags.map((t) => t.tag)];
  const groups = SHOW_KINDS.map(({ kind, label }) => ({
    label,
    tags: all
      .filter((tag) => tagKind(tag, venueTags) === kind)
      .map((tag) => ({ tag, label: tagLabel(tag, 'en', venueTags) })),
  }));
  const listed = new Set(groups.flatMap((g) => g.tags.map((t) => t.tag)));
  const other = has.filter((tag) => !listed.has(tag));
  if (other.length > 0) groups.push({ label: 'Other', tags: other.map((tag) => ({ tag, label: tag })) });
  return groups.filter((g) => g.tags.length > 0);
}

/** The languages to pick from: the table's, then any the show has that it lacks. */
export function languageChoices(has: readonly string[]): { code: string; label: string }[] {
  const codes = [...Object.keys(LANGUAGE_NAMES), ...has.filter((c) => !(c in LANGUAGE_NAMES))];
  return [...new Set(codes)].map((code) => ({ code, label: `${languageName(code, 'en')} (${code})` }));
}
