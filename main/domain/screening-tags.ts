import { type TagKind, type VenueTag, canonicalTag, findTag, isScreeningTag, tagKey } from './tags.ts';

/**
 * Formats belong to screenings. What a show offers is its own tags plus its
 * auditorium's features; a film's tags only describe the film. Pure.
 */

const KIND_WORDS: Readonly<Record<TagKind, string>> = {
  format: 'a format',
  audio: 'a sound or language tag',
  accessibility: 'an accessibility tag',
  amenity: 'a room feature',
  audience: 'an audience tag',
  event: 'an event tag',
};

/** A film's tags split into what may stay on the film and what belongs to its showtimes. */
export function splitFilmTags(
  tags: readonly string[],
  venueTags: readonly VenueTag[] = [],
): { film: string[]; screening: string[] } {
  const film: string[] = [];
  const screening: string[] = [];
  for (const t of tags) (isScreeningTag(t, venueTags) ? screening : film).push(t);
  return { film, screening };
}

/** Why a film may not carry these tags (the first screening tag), or `undefined` when it may. */
export function filmTagProblem(
  tags: readonly string[],
  venueTags: readonly VenueTag[] = [],
): string | undefined {
  const [first] = splitFilmTags(tags, venueTags).screening;
  if (first === undefined) return undefined;
  const kind = findTag(first, venueTags)!.kind;
  return (
    `"${first}" is ${KIND_WORDS[kind]}, which belongs to a screening, not to a film: ` +
    `put it on the showtimes (or on the auditorium's features) instead`
  );
}

const kindsOf = (tags: readonly string[], venueTags: readonly VenueTag[]) =>
  new Set(tags.map((t) => findTag(t, venueTags)?.kind));

/**
 * A showtime's tags once its film's screening tags are moved onto it: format
 * tags only where neither the show's tags nor its auditorium's features carry
 * a format already (an IMAX room's show is not also made "3D"); other tags
 * where the show lacks them. The show's own tags come first.
 */
export function addFilmScreeningTags(
  showTags: readonly string[],
  features: readonly string[],
  screening: readonly string[],
  venueTags: readonly VenueTag[] = [],
): string[] {
  if (screening.length === 0) return [...showTags];
  const hasFormat = kindsOf([...showTags, ...features], venueTags).has('format');
  const have = new Set([...showTags, ...features].map((t) => tagKey(canonicalTag(t, venueTags))));
  const out = [...showTags];
  for (const tag of screening) {
    if (findTag(tag, venueTags)?.kind === 'format' && hasFormat) continue;
    const key = tagKey(canonicalTag(tag, venueTags));
    if (have.has(key)) continue;
    have.add(key);
    out.push(tag);
  }
  return out;
}

/** What a show offers: its own tags, then its auditorium's features it does not repeat. */
export function showOffers(
  show: { tags: readonly string[] },
  auditorium: { features?: readonly string[] | undefined } | undefined,
  venueTags: readonly VenueTag[] = [],
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of [...show.tags, ...(auditorium?.features ?? [])]) {
    const key = tagKey(canonicalTag(t, venueTags));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}
