import { z } from 'zod';
import { parseWallTime } from './local-time.ts';

/*
 * Veezi's answers as they are on the wire: PascalCase, JSON, every time the
 * venue's wall clock with no offset. Read from the public client libraries
 * (libveezi, veezi-ruby, a WordPress plugin's fixtures) rather than a spec,
 * so the rule is: strict about what the hub keys or counts by (ids, times,
 * seats, capacity), tolerant of the rest (null where a library saw null,
 * absent where older answers lacked a field, enum-like strings kept as
 * strings since fixtures show values no library lists, e.g. Format
 * "D-Cinema"). Unknown fields are dropped. Numbers are taken as given:
 * nothing is coerced from a string, nothing clamped (a mapping decides what
 * a negative seat count means). A list fails whole if one entry fails, so a
 * poll is never applied in part.
 */

/** Values seen for the enum-like strings; others parse too and are the mapping's to judge. */
export const SESSION_STATUSES = ['Open', 'Closed', 'Planned'] as const;
export const SHOW_TYPES = ['Public', 'Private'] as const;
export const SEATING = ['Allocated', 'Select', 'Open'] as const;
export const SALES_CHANNELS = ['KIOSK', 'POS', 'WWW', 'MX', 'RSP'] as const;
export const FILM_STATUSES = ['Active', 'Inactive', 'Deleted'] as const;
export const FILM_FORMATS = ['2D Film', '2D Digital', '3D Digital', '3D HFR', 'Not a Film'] as const;

/** A venue wall-clock time, `2026-10-04T19:30:00` (see local-time.ts for what it accepts). */
export const VeeziTime = z
  .string()
  .refine((s) => parseWallTime(s) !== undefined, 'must be a date and time like 2026-10-04T19:30:00');

const count = z.number().int();
const number = z.number().int().nonnegative();
const text = z.string().nullish();
const flag = z.boolean().nullish();
/** A list that may be absent or null, read as empty. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);
/** Ids Veezi sends as strings in some answers and numbers in others; always strings here. */
const looseId = z.union([z.string().min(1), number]).transform(String);

export const VeeziSite = z.object({
  Name: z.string().trim().min(1),
  ShortName: text,
  LegalName: text,
  /** A Windows zone name, usually ("AUS Eastern Standard Time"): windows-zones.ts resolves it. */
  TimeZoneIdentifier: text,
  /** A country name ("Australia"): picks the country's own entry in the Windows zone table. */
  Country: text,
  NationalCode: text,
  /** The site's screens: `[{ "Id": 1 }, …]` in libveezi's reading, bare ids elsewhere. */
  Screens: list(z.union([number, z.object({ Id: number }).transform((s) => s.Id)])),
});
export type VeeziSite = z.output<typeof VeeziSite>;

export const VeeziScreen = z.object({
  Id: number,
  Name: z.string(),
  /** The label on the door ("1", "5A", "GC"); a number in some answers, always a string here. */
  ScreenNumber: z.union([z.string(), z.number()]).transform(String).nullish(),
  TotalSeats: number,
  HouseSeats: number.nullish(),
  HasCustomLayout: flag,
});
export type VeeziScreen = z.output<typeof VeeziScreen>;

const Person = z.object({
  Id: looseId.nullish(),
  FirstName: text,
  LastName: text,
  /** Free text, misspellings included ("Dicrector" in a real fixture). */
  Role: text,
});

export const VeeziFilm = z.object({
  Id: z.string().trim().min(1),
  Title: z.string().trim().min(1),
  ShortName: text,
  Synopsis: text,
  /** Comma-separated, spacing as typed ("Drama, Comedy "). */
  Genre: text,
  SignageText: text,
  Distributor: text,
  OpeningDate: VeeziTime.nullish(),
  /** `null` means not rated. */
  Rating: text,
  /** See FILM_STATUSES. */
  Status: text,
  /** The rating's advice ("Mild themes"). */
  Content: text,
  /** Minutes. */
  Duration: z.number().nonnegative(),
  DisplaySequence: z.number().nullish(),
  NationalCode: text,
  /** See FILM_FORMATS; the film's usual format, a session's own is its FilmFormat. */
  Format: text,
  IsRestricted: flag,
  People: list(Person),
  /** A language name ("English"), not a code. */
  AudioLanguage: text,
  GovernmentFilmTitle: text,
  /** Media URLs carry no file extension: the type is in the bytes. */
  FilmPosterUrl: text,
  FilmPosterThumbnailUrl: text,
  BackdropImageUrl: text,
  FilmTrailerUrl: text,
});
export type VeeziFilm = z.output<typeof VeeziFilm>;

export const VeeziSession = z.object({
  Id: number,
  FilmId: z.string().trim().min(1),
  FilmPackageId: number.nullish(),
  Title: text,
  ScreenId: number,
  /** See SEATING. */
  Seating: text,
  AreComplimentariesAllowed: flag,
  /** See SHOW_TYPES; a Private session is not for the public's eyes. */
  ShowType: text,
  /** See SALES_CHANNELS. */
  SalesVia: list(z.string()),
  /** See SESSION_STATUSES. */
  Status: z.string(),
  /** The advertised time: trailers and ads start. */
  PreShowStartTime: VeeziTime,
  SalesCutOffTime: VeeziTime.nullish(),
  FeatureStartTime: VeeziTime,
  FeatureEndTime: VeeziTime,
  CleanupEndTime: VeeziTime.nullish(),
  SeatsAvailable: count,
  SeatsHeld: count.nullish(),
  SeatsHouse: count.nullish(),
  SeatsSold: count.nullish(),
  TicketsSoldOut: flag,
  FewTicketsLeft: flag,
  /** The format of this screening ("3D Digital"), which may differ from the film's. */
  FilmFormat: text,
  PriceCardName: text,
  /** Ids into /v1/attribute. */
  Attributes: list(looseId),
  AudioLanguage: text,
});
export type VeeziSession = z.output<typeof VeeziSession>;

/** A session on sale online: the same, plus its booking link (`Url`; `URL` in older answers). */
export const VeeziWebSession = VeeziSession.extend({
  Url: text,
  URL: text,
}).transform(({ URL, Url, ...session }) => ({ ...session, Url: Url ?? URL ?? null }));
export type VeeziWebSession = z.output<typeof VeeziWebSession>;

export const VeeziAttribute = z.object({
  Id: looseId,
  /** What the attribute says ("Subtitled"): the hub's tag when the vocabulary has no better one. */
  Description: z.string().trim().min(1),
  ShortName: text,
  FontColor: text,
  BackgroundColor: text,
  ShowOnSessionsWithNoComps: flag,
});
export type VeeziAttribute = z.output<typeof VeeziAttribute>;

export const VeeziFilmPackage = z.object({
  Id: number,
  Title: z.string(),
  Status: text,
  Films: list(
    z.object({
      FilmId: z.string(),
      Title: text,
      SplitPercent: z.number().nullish(),
      TrailerDuration: z.number().nullish(),
      CleanUpDuration: z.number().nullish(),
      Order: z.number().nullish(),
    }),
  ),
});
export type VeeziFilmPackage = z.output<typeof VeeziFilmPackage>;

/** The answer of each endpoint the hub reads. */
export const VEEZI_ANSWERS = {
  '/v1/site': VeeziSite,
  '/v1/screen': z.array(VeeziScreen),
  '/v1/screen/:id': VeeziScreen,
  '/v4/film': z.array(VeeziFilm),
  '/v4/film/:id': VeeziFilm,
  '/v1/session': z.array(VeeziSession),
  '/v1/session/:id': VeeziSession,
  '/v1/websession': z.array(VeeziWebSession),
  '/v1/attribute': z.array(VeeziAttribute),
  '/v1/attribute/:id': VeeziAttribute,
  '/v1/filmpackage': z.array(VeeziFilmPackage),
  '/v1/filmpackage/:id': VeeziFilmPackage,
} as const;
export type VeeziEndpoint = keyof typeof VEEZI_ANSWERS;
