import { z } from 'zod';
import { ShowingKind } from './displays.ts';
import { ScreenAssignment } from './pairing.ts';
import { AuditEntry } from './audit.ts';
import { Override } from './overrides.ts';
import { Playlist } from './playlists.ts';
import { Version } from './primitives.ts';
import { Announcement, Auditorium, Film, Showtime, Venue } from './records.ts';
import { StaffAccount } from './staff.ts';
import { Status } from './status.ts';

/**
 * What the admin API answers on success, for the clients that read it (the
 * admin page parses each answer with its schema). Records come as stored:
 * with their `version`.
 */

const stored = <T extends z.ZodType>(record: T) => record.and(z.object({ version: Version }));

/** `POST /api/admin/login`, `/setup`, `/password`: the session's CSRF token (the cookie rides beside it). */
export const CsrfAnswer = z.object({ csrfToken: z.string() });

/** `POST /api/admin/password`: the new session's CSRF token, and how many API tokens went with the old password. */
export const PasswordChangedAnswer = CsrfAnswer.extend({ tokensRevoked: z.number().int().min(0) });

/** `GET /api/admin/session`. */
export const SessionAnswer = z.object({
  kind: z.enum(['session', 'token']),
  csrfToken: z.string().nullable(),
  /** The signed-in person (sessions only). */
  staff: StaffAccount.optional(),
});

/** `GET /api/admin/auth-state`. */
export const AuthStateAnswer = z.object({ passwordSet: z.boolean(), setupAllowed: z.boolean() });

/** `GET /api/admin/state`: the stored records (not the screens' view) and the overrides beside them. */
export const AdminState = z.object({
  seq: z.number().int(),
  now: z.iso.datetime(),
  venue: stored(Venue),
  auditoriums: z.array(stored(Auditorium)),
  films: z.array(stored(Film)),
  showtimes: z.array(stored(Showtime)),
  announcements: z.array(stored(Announcement)),
  overrides: z.array(Override),
  /** Lobby playlists (a hub from before them sends none). Default none. */
  playlists: z.array(stored(Playlist)).default([]),
  status: Status,
});
export type AdminState = z.infer<typeof AdminState>;

/** A create or update of one record: the record as stored now, and the seq that told the screens. */
export const RecordAnswer = <T extends z.ZodType>(record: T) =>
  z.object({ record: stored(record), seq: z.number().int() });

export const VenueAnswer = RecordAnswer(Venue);
export const FilmAnswer = RecordAnswer(Film);

/** `GET /api/admin/audit`. */
export const AuditPage = z.object({ entries: z.array(AuditEntry), more: z.boolean() });

/** `POST /api/admin/audit/:id/undo`: the entry undone, how many changes put it back. */
export const UndoAnswer = z.object({
  undone: z.number().int(),
  changes: z.number().int(),
  seq: z.number().int(),
});

/** One box-office token as staff see it: never its secret. Times in ms. */
export const ApiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;

export const TokenList = z.object({ tokens: z.array(ApiTokenView) });
/** `POST /api/admin/tokens`: the only time the secret is shown. */
export const TokenCreated = z.object({ id: z.string(), name: z.string(), token: z.string() });

/** `POST /api/admin/showtimes/copy-day`. */
export const CopyDayAnswer = z.object({ copied: z.number().int(), seq: z.number().int() });

/** `POST /api/admin/showtimes/copy-days`: what was copied and removed, and each show left out, in words. */
export const CopyDaysAnswer = z.object({
  copied: z.number().int(),
  removed: z.number().int(),
  skipped: z.array(
    z.object({
      label: z.string(),
      film: z.string().nullable(),
      auditorium: z.string().nullable(),
      startsAt: z.string(),
      reason: z.enum(['clash', 'past', 'sold']),
      clashesWith: z.object({ film: z.string().nullable(), startsAt: z.string() }).optional(),
    }),
  ),
  seq: z.number().int(),
});
export type CopyDaysAnswer = z.infer<typeof CopyDaysAnswer>;

/** `POST /api/admin/import/showtimes`: `imported` is 0 on a dry run. */
export const ImportAnswer = z.object({
  dryRun: z.boolean(),
  imported: z.number().int(),
  valid: z.number().int(),
  records: z.array(
    z.object({ line: z.number().int(), startsAt: z.string(), filmId: z.string(), auditoriumId: z.string() }),
  ),
  seq: z.number().int(),
});

/** A screen as the admin's displays panel shows it. */
export const DisplayView = z.object({
  displayId: z.string(),
  role: z.enum(['board', 'door']),
  auditoriumId: z.string().nullable(),
  url: z.string(),
  address: z.string(),
  lastEventId: z.number().nullable(),
  /** Hub seq minus the screen's last event id, as of its last heartbeat. */
  lag: z.number().nullable(),
  lastFrameAt: z.string(),
  lastSeenAt: z.string(),
  firstSeenAt: z.string(),
  /** The hub's clock minus the screen's, in ms, as of its last heartbeat; null when it did not say. */
  clockOffsetMs: z.number().nullable().default(null),
  health: z.discriminatedUnion('state', [
    z.object({ state: z.literal('ok') }),
    z.object({
      state: z.literal('stalled'),
      reason: z.enum(['silent', 'lag-growing', 'stuck', 'no-events', 'ahead']),
    }),
  ]),
  /** The name and role staff gave it by pairing; null while unpaired. Outranks its URL and kiosk settings. */
  assigned: ScreenAssignment.nullable().optional(),
  /** The code it shows while pairing mode is on and it has no name. */
  pairingCode: z.string().optional(),
  /** Not heard from for a day: folded away in the list, ready to be forgotten. */
  ghost: z.boolean().optional(),
  /**
   * What the screen showed at its last heartbeat (a screen beats early when
   * its page changes): the page's kind, the film, media or auditorium it is
   * about with that record's name (`title`, absent when the record is gone),
   * and since when by the hub's clock. Null when the screen did not say.
   */
  showing: z
    .object({
      kind: ShowingKind,
      id: z.string().optional(),
      title: z.string().optional(),
      since: z.iso.datetime(),
    })
    .nullable()
    .default(null),
});
export type DisplayView = z.infer<typeof DisplayView>;

/** A screen that stalled during opening hours, until staff acknowledge it. */
export const ScreenAlert = z.object({
  displayId: z.string(),
  /** Its name, else its id. */
  name: z.string(),
  since: z.iso.datetime(),
  reason: z.string(),
});
export type ScreenAlert = z.infer<typeof ScreenAlert>;

/** `GET /api/admin/displays`. */
export const DisplayList = z.object({
  seq: z.number().int(),
  now: z.iso.datetime(),
  displays: z.array(DisplayView),
  /** Pairing mode: while on (until `until`), every unnamed screen shows its code. */
  pairing: z.object({ on: z.boolean(), until: z.iso.datetime().nullable() }).optional(),
  alerts: z.array(ScreenAlert).optional(),
});
