import { z } from 'zod';
import { Id, LocalizedTexts, PosterUrl, Tag, Version, text } from './primitives.ts';
import type { Announcement, Auditorium, Film, Showtime } from './records.ts';
import { canonicalTags, tagKey } from './tags.ts';

/**
 * Local overrides of upstream-owned records. The upstream record stays as the
 * feed sent it; the override is kept beside it and applied on the way out, so
 * it survives every upstream update and is undone by clearing it.
 *
 * Besides hiding and cancelling, an override may enrich a record with what the
 * upstream lacks (its overlay): an auditorium's label, names and features, a
 * film's titles and poster, a showtime's tags.
 */
export const OverrideKind = z.enum(['showtime', 'announcement', 'auditorium', 'film']);
export type OverrideKind = z.infer<typeof OverrideKind>;

/** Overlay fields, each optional. Lists and names add to the upstream's; a label or poster replaces it. */
const overlayFields = {
  /** Auditoriums: the short label shown next to every time. */
  label: text(12),
  /** Auditoriums: names in more languages, merged over the upstream's. */
  names: LocalizedTexts(80),
  /** Auditoriums: features added to the upstream's, in canonical spelling. */
  features: z
    .array(Tag)
    .max(16, 'at most 16 features')
    .transform((t) => canonicalTags(t)),
  /** Films: titles in more languages, merged over the upstream's. */
  titles: LocalizedTexts(200),
  /** Films: a poster that replaces the upstream's. */
  posterUrl: PosterUrl,
  /** Showtimes: tags added to the upstream's ("AD", "Q&A"), in canonical spelling. */
  tags: z
    .array(Tag)
    .max(16, 'at most 16 tags')
    .transform((t) => canonicalTags(t)),
};
export type OverlayField = keyof typeof overlayFields;
export const OVERLAY_FIELDS = Object.keys(overlayFields) as OverlayField[];

export const Overlay = z.object(
  Object.fromEntries(Object.entries(overlayFields).map(([k, v]) => [k, v.optional()])) as {
    [K in OverlayField]: z.ZodOptional<(typeof overlayFields)[K]>;
  },
);
export type Overlay = z.infer<typeof Overlay>;

/** Which overlay fields each kind of record takes. */
export const OVERLAY_FIELDS_OF: Readonly<Record<OverrideKind, readonly OverlayField[]>> = {
  auditorium: ['label', 'names', 'features'],
  film: ['titles', 'posterUrl'],
  showtime: ['tags'],
  announcement: [],
};

export const Override = Overlay.extend({
  kind: OverrideKind,
  id: Id,
  /** Off every screen; the record still exists (and a hidden show still occupies its auditorium). */
  hidden: z.boolean(),
  /** Shown as cancelled whatever upstream says. Showtimes only. */
  cancelled: z.boolean(),
  /** For staff only; never sent to screens. */
  note: text(500).optional(),
  version: Version,
  updatedAt: z.iso.datetime(),
});
export type Override = z.infer<typeof Override>;

/**
 * What staff send to set an override. `hidden`, `cancelled` and `note` are
 * replaced by what is sent (absent: false, no note). Overlay fields left out
 * keep their value, so a client that knows only the flags never loses an
 * overlay; `null` clears one. All false, no note and no overlay clears the
 * override.
 */
export const OverrideInput = z.strictObject({
  hidden: z.boolean().default(false),
  cancelled: z.boolean().default(false),
  note: text(500).optional(),
  ...(Object.fromEntries(Object.entries(overlayFields).map(([k, v]) => [k, v.nullable().optional()])) as {
    [K in OverlayField]: z.ZodOptional<z.ZodNullable<(typeof overlayFields)[K]>>;
  }),
  /** The override's version as last read; absent when there is none yet. */
  version: Version.optional(),
});
export type OverrideInput = z.infer<typeof OverrideInput>;

export type OverrideFlags = Pick<Override, 'hidden' | 'cancelled' | 'note'> & Overlay;

export const isEmptyOverride = (o: OverrideFlags): boolean =>
  !o.hidden && !o.cancelled && o.note === undefined && OVERLAY_FIELDS.every((f) => o[f] === undefined);

/** `base` then the items of `more` it lacks, compared as tags are (case, spacing). */
export function unionTags(base: readonly string[], more: readonly string[] | undefined): string[] {
  if (!more || more.length === 0) return [...base];
  const seen = new Set(base.map(tagKey));
  const out = [...base];
  for (const t of more) {
    const key = tagKey(t);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(t);
    }
  }
  return out;
}

const merged = <T extends Record<string, string>>(base: T | undefined, more: T | undefined) =>
  more ? { ...base, ...more } : base;

/** The showtime screens see: `undefined` when hidden, cancelled when cancelled locally, with overlay tags. */
export function effectiveShowtime(raw: Showtime, o: OverrideFlags | undefined): Showtime | undefined {
  if (!o) return raw;
  if (o.hidden) return undefined;
  let shown = raw;
  if (o.tags) shown = { ...shown, tags: unionTags(raw.tags, o.tags) };
  if (o.cancelled && raw.status !== 'cancelled') shown = { ...shown, status: 'cancelled' };
  return shown;
}

/** The announcement screens see: `undefined` when hidden (an urgent one dismissed here). */
export function effectiveAnnouncement(
  raw: Announcement,
  o: OverrideFlags | undefined,
): Announcement | undefined {
  return o?.hidden ? undefined : raw;
}

/** The auditorium screens see: the local label, names and features over the upstream's. */
export function effectiveAuditorium(raw: Auditorium, o: OverrideFlags | undefined): Auditorium {
  if (!o || (o.label === undefined && !o.names && !o.features)) return raw;
  const features = o.features ? unionTags(raw.features ?? [], o.features) : raw.features;
  return {
    ...raw,
    ...(o.label !== undefined && { label: o.label }),
    ...(o.names && { names: merged(raw.names, o.names) }),
    ...(features && features.length > 0 && { features }),
  };
}

/** The film screens see: the local titles and poster over the upstream's. */
export function effectiveFilm(raw: Film, o: OverrideFlags | undefined): Film {
  if (!o || (!o.titles && o.posterUrl === undefined)) return raw;
  return {
    ...raw,
    ...(o.titles && { titles: merged(raw.titles, o.titles) }),
    ...(o.posterUrl !== undefined && { posterUrl: o.posterUrl }),
  };
}
