import { z } from 'zod';
import {
  Id,
  Locale,
  LocalizedTexts,
  PosterUrl,
  Tags,
  TimeZone,
  UtcInstant,
  Version,
  text,
} from './primitives.ts';
import { Announcement, Auditorium, Film, Showtime, VenueSettings } from './records.ts';
import { DateKey } from './schedule.ts';

/**
 * Bodies of the admin API. Every one is strict: an unknown key is a 400, so a
 * typo in a box-office script fails loudly instead of being ignored. Records
 * are checked again as a whole by the record schemas in records.ts.
 */

const Password = z.string().max(256, 'must be at most 256 characters');

export const SetupBody = z.strictObject({ password: Password });
export const PasswordChangeBody = z.strictObject({
  currentPassword: z.string().min(1, 'enter the current password').max(256),
  newPassword: Password,
  /** Also revoke every box-office API token (a password that leaked may have been used to make some). Default false. */
  revokeApiTokens: z.boolean().optional(),
});

export const TokenCreateBody = z.strictObject({ name: text(80) });

export const VenueBody = z.strictObject({
  name: text(120),
  timezone: TimeZone,
  locales: z.array(Locale).min(1, 'name at least one language').max(8),
  settings: VenueSettings.strict(),
  version: Version,
});

/** `force: true` allows a start in the past (e.g. entering a show that already ran). */
const Force = z.boolean().default(false);

export const AuditoriumCreateBody = z.strictObject({
  id: Id.optional(),
  name: Auditorium.shape.name,
  capacity: Auditorium.shape.capacity,
});
export const AuditoriumUpdateBody = z.strictObject({
  name: Auditorium.shape.name,
  capacity: Auditorium.shape.capacity,
  version: Version,
});

const filmFields = {
  title: Film.shape.title,
  titles: LocalizedTexts(200).optional(),
  rating: Film.shape.rating,
  runtimeMinutes: Film.shape.runtimeMinutes,
  posterUrl: PosterUrl.optional(),
  tags: Tags,
};
export const FilmCreateBody = z.strictObject({ id: Id.optional(), ...filmFields });
export const FilmUpdateBody = z.strictObject({ ...filmFields, version: Version });

const showtimeFields = {
  filmId: Id,
  auditoriumId: Id,
  startsAt: UtcInstant,
  tags: Tags,
  status: Showtime.shape.status,
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
  .refine((b) => b.from !== b.to, { message: 'must be another day than from', path: ['to'] });

const announcementFields = {
  text: Announcement.shape.text,
  texts: LocalizedTexts(500).optional(),
  startsAt: UtcInstant.optional(),
  endsAt: UtcInstant.optional(),
  priority: Announcement.shape.priority,
};
export const AnnouncementCreateBody = z.strictObject({ id: Id.optional(), ...announcementFields });
export const AnnouncementUpdateBody = z.strictObject({ ...announcementFields, version: Version });

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
