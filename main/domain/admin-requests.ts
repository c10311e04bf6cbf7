import { z } from 'zod';
import { LanguageCode, SubtitleCodes } from './languages.ts';
import {
  Id,
  Locale,
  LocalizedTexts,
  PosterUrl,
  Tag,
  Tags,
  TimeZone,
  UtcInstant,
  Version,
  text,
} from './primitives.ts';
import { Announcement, Auditorium, ExternalId, Film, Showtime, VenueSettingsPatch } from './records.ts';
import { DateKey } from './schedule.ts';
import { canonicalTags } from './tags.ts';

/**
 * Bodies of the admin API. Every one is strict: an unknown key is a 400, so a
 * typo in a box-office script fails loudly instead of being ignored. Records
 * are checked again as a whole by the record schemas in records.ts.
 *
 * Fields added after the first contract (`LATER_FIELDS`) keep their stored
 * value when an update leaves them out, and `null` clears one: a client that
 * knows only the first contract never wipes what it cannot see.
 */

const Password = z.string().max(256, 'must be at most 256 characters');

export const PasswordChangeBody = z.strictObject({
  currentPassword: z.string().min(1, 'enter the current password').max(256),
  newPassword: Password,
  /** Also revoke every box-office API token (a password that leaked may have been used to make some). Default false. */
  revokeApiTokens: z.boolean().optional(),
});

/** What an API token may do beyond the schedule, seats and overrides. */
export const TokenPermission = z.enum(['urgent', 'metrics'], {
  error: 'is not a permission; they are "urgent" and "metrics"',
});
export type TokenPermission = z.infer<typeof TokenPermission>;

export const TokenCreateBody = z.strictObject({
  name: text(80),
  /** `urgent`: may post, edit and dismiss urgent announcements. Default none. */
  permissions: z
    .array(TokenPermission, { error: 'must be a list of permissions, e.g. ["urgent"]' })
    .max(4)
    .transform((list) => [...new Set(list)])
    .default([]),
});

/** Tags as typed by staff: known tags in their canonical spelling ("imax" → "IMAX"), each once. */
export const CanonicalTags = Tags.transform((tags) => canonicalTags(tags));
const Features = z
  .array(Tag)
  .max(16, 'at most 16 features')
  .transform((tags) => canonicalTags(tags));

/** A field added after the first contract: left out keeps the stored value, `null` clears it. */
const later = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const VenueBody = z.strictObject({
  name: text(120),
  names: later(LocalizedTexts(120)),
  timezone: TimeZone,
  locales: z.array(Locale).min(1, 'name at least one language').max(8),
  /** Only the settings sent change; the others keep their values. */
  settings: VenueSettingsPatch.default({}),
  version: Version,
});

/** `force: true` allows a start in the past (e.g. entering a show that already ran). */
const Force = z.boolean().default(false);

const auditoriumFields = {
  name: Auditorium.shape.name,
  label: later(text(12)),
  names: later(LocalizedTexts(80)),
  capacity: Auditorium.shape.capacity,
  features: later(Features),
  externalId: later(ExternalId),
};
export const AuditoriumCreateBody = z.strictObject({ id: Id.optional(), ...auditoriumFields });
export const AuditoriumUpdateBody = z.strictObject({ ...auditoriumFields, version: Version });

const filmFields = {
  title: Film.shape.title,
  titles: LocalizedTexts(200).optional(),
  rating: Film.shape.rating,
  runtimeMinutes: Film.shape.runtimeMinutes,
  posterUrl: PosterUrl.optional(),
  /** Descriptors only: a format here is refused (it belongs to the showtimes). */
  tags: CanonicalTags,
  externalId: later(ExternalId),
};
export const FilmCreateBody = z.strictObject({ id: Id.optional(), ...filmFields });
export const FilmUpdateBody = z.strictObject({ ...filmFields, version: Version });

const showtimeFields = {
  filmId: Id,
  auditoriumId: Id,
  startsAt: UtcInstant,
  featureStartsAt: later(UtcInstant),
  extraMinutes: later(z.number().int().min(0).max(600)),
  tags: CanonicalTags,
  audio: later(LanguageCode),
  subtitles: later(SubtitleCodes),
  status: Showtime.shape.status,
  externalId: later(ExternalId),
};
export const ShowtimeCreateBody = z.strictObject({
  id: Id.optional(),
  ...showtimeFields,
  /** Default: the auditorium's capacity. */
  capacity: Showtime.shape.capacity.optional(),
  /** Default: the capacity (nothing sold yet). */
  seatsAvailable: Showtime.shape.seatsAvailable.optional(),
  force: Force,
});
export const ShowtimeUpdateBody = z.strictObject({
  ...showtimeFields,
  capacity: Showtime.shape.capacity,
  seatsAvailable: Showtime.shape.seatsAvailable,
  version: Version,
  force: Force,
});
export const VersionBody = z.strictObject({ version: Version });

export const CopyDayBody = z
  .strictObject({
    from: DateKey,
    to: DateKey,
    /** Only these auditoriums. Default: all. */
    auditoriumIds: z.array(Id).max(1_000).optional(),
    force: Force,
  })
  .refine((b) => b.from !== b.to, {
    message: 'must be another day than from',
    path: ['to'],
    params: { code: 'same_day', field: 'from' },
  });

/**
 * `POST /api/admin/showtimes/copy-days`: the source days `from`–`fromLast`
 * onto `to`–`toLast` (repeating in order), at most 62 days each way, the
 * ranges apart. `mode`: `skip` (default) leaves clashing copies out and lists
 * them, `replace` first removes the target days' unsold local shows, `all`
 * copies everything or nothing.
 */
export const CopyDaysBody = z
  .strictObject({
    from: DateKey,
    fromLast: DateKey.optional(),
    to: DateKey,
    toLast: DateKey.optional(),
    mode: z.enum(['skip', 'replace', 'all']).default('skip'),
    /** Only these auditoriums. Default: all. */
    auditoriumIds: z.array(Id).max(1_000).optional(),
    force: Force,
  })
  .transform((b) => ({ ...b, fromLast: b.fromLast ?? b.from, toLast: b.toLast ?? b.to }))
  .refine((b) => b.fromLast >= b.from, {
    message: 'must not be before from',
    path: ['fromLast'],
    params: { code: 'not_after', field: 'from' },
  })
  .refine((b) => b.toLast >= b.to, {
    message: 'must not be before to',
    path: ['toLast'],
    params: { code: 'not_after', field: 'to' },
  })
  .refine((b) => b.toLast < b.from || b.to > b.fromLast, {
    message: 'must not overlap the days copied from',
    path: ['to'],
    params: { code: 'same_day', field: 'from' },
  })
  .refine((b) => daySpan(b.from, b.fromLast) <= 62 && daySpan(b.to, b.toLast) <= 62, {
    message: 'can cover at most 62 days',
    path: ['toLast'],
    params: { code: 'too_big', maximum: 62 },
  });
export type CopyDaysBody = z.output<typeof CopyDaysBody>;

const daySpan = (a: string, b: string) =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000 + 1;

const announcementFields = {
  text: Announcement.shape.text,
  texts: LocalizedTexts(500).optional(),
  startsAt: UtcInstant.optional(),
  endsAt: UtcInstant.optional(),
  priority: Announcement.shape.priority,
  /** Takes over every screen; at most 140 characters per language and 2 hours. API tokens need `urgent`. */
  urgent: later(z.boolean()),
};
export const AnnouncementCreateBody = z.strictObject({ id: Id.optional(), ...announcementFields });
export const AnnouncementUpdateBody = z.strictObject({ ...announcementFields, version: Version });

/** The fields of each record added after the first contract (kept when an update leaves them out). */
export const LATER_FIELDS = {
  venue: ['names'],
  auditorium: ['label', 'names', 'features', 'externalId'],
  film: ['externalId'],
  showtime: ['featureStartsAt', 'extraMinutes', 'audio', 'subtitles', 'externalId'],
  announcement: ['urgent'],
} as const;

/**
 * `body` as a record: later fields it left out take `current`'s value, and
 * `null` ones are dropped (cleared).
 */
export function withLaterFields(
  body: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>> | undefined,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const f of fields) {
    if (out[f] === undefined && current?.[f] !== undefined) out[f] = current[f];
    if (out[f] === null || out[f] === undefined) delete out[f];
  }
  return out;
}

/** A version in a query string (`DELETE …?version=3`). */
export const VersionQuery = z.strictObject({
  version: z
    .string({ error: 'is required' })
    .regex(/^[1-9]\d{0,14}$/, 'must be a whole number from 1')
    .transform(Number),
});

export const ImportOptions = z.strictObject({
  /** Check every row and report, but change nothing. Default false. */
  dryRun: z.boolean().default(false),
  force: Force,
});
export const ImportBody = ImportOptions.extend({ csv: z.string().min(1, 'the file is empty') });
