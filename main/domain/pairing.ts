import { z } from 'zod';
import { Id } from './primitives.ts';
import type { Showtime } from './records.ts';

/** Letters and digits no one misreads across a lobby (no 0/O, 1/I/L). */
export const PAIRING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 4;
/** Pairing mode turns itself off after this long, so no code is left on the screens overnight. */
export const PAIRING_MODE_MS = 15 * 60_000;
/** A screen not heard from for this long is a ghost: folded away in the list, and it can be forgotten. */
export const GHOST_AFTER_MS = 24 * 60 * 60_000;

/** A short code from `bytes` (one per character). */
export function pairingCode(bytes: Uint8Array): string {
  return [...bytes.slice(0, PAIRING_CODE_LENGTH)]
    .map((b) => PAIRING_ALPHABET[b % PAIRING_ALPHABET.length])
    .join('');
}

/** A code as staff type it: spaces and case do not matter, dashes neither. */
export function normalCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** What a screen is for, as staff give it when they pair it. */
export const ScreenRole = z.enum(['board', 'departures', 'door']);
export type ScreenRole = z.infer<typeof ScreenRole>;

const assignmentFields = {
  /** What staff call it: "Lobby left", "Door 3". */
  name: z.string().trim().min(1).max(60),
  role: ScreenRole,
  /** The auditorium a door sign serves. */
  auditoriumId: Id.optional(),
  /** One language for this screen (BCP-47); absent: the venue's rotation. */
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag like en or fr-CA')
    .optional(),
};
const needsAuditorium = {
  message: 'a door sign must say which auditorium it serves',
  path: ['auditoriumId'],
  params: { code: 'required' },
};

/** A screen's name and role, given by staff; outranks its URL and kiosk settings. */
export const ScreenAssignment = z
  .object(assignmentFields)
  .refine((a) => a.role !== 'door' || a.auditoriumId !== undefined, needsAuditorium);
export type ScreenAssignment = z.infer<typeof ScreenAssignment>;

/** `POST /api/admin/displays/pair`: the code a screen shows, and what it is to be. */
export const PairBody = z
  .strictObject({ code: z.string().min(1).max(16), ...assignmentFields })
  .refine((a) => a.role !== 'door' || a.auditoriumId !== undefined, needsAuditorium);

/** `PUT /api/admin/displays/:id`: a paired screen's new name and role. */
export const RenameBody = z
  .strictObject(assignmentFields)
  .refine((a) => a.role !== 'door' || a.auditoriumId !== undefined, needsAuditorium);

/** `POST /api/admin/displays/pairing`. */
export const PairingModeBody = z.strictObject({ on: z.boolean() });

/**
 * The hub's answer to a heartbeat: its seq and its clock, which screens
 * correct theirs by, and what staff made of the screen, learnt within one
 * beat (15 s): `assigned` (name and role; `null` when unpaired) and, while
 * pairing mode is on and the screen has no name, the `pairingCode` to show
 * in a corner badge.
 */
export const HeartbeatAnswer = z.object({
  ok: z.literal(true),
  seq: z.number().int().min(0),
  /** The hub's clock as it answered. Absent from older hubs. */
  now: z.iso.datetime({ offset: true }).optional(),
  pairingCode: z.string().optional(),
  assigned: ScreenAssignment.nullable().optional(),
});
export type HeartbeatAnswer = z.infer<typeof HeartbeatAnswer>;

/**
 * The venue's opening hours on the day of `now`, for stall warnings: from
 * the first show's seating (`seatingMinutes` before its start) to the last
 * show's start. `undefined` on a day with no shows, or outside them; screens
 * switched off at closing then raise nothing.
 */
export function openingHours(
  shows: readonly Pick<Showtime, 'startsAt' | 'status'>[],
  seatingMinutes: number,
  now: number,
  dayOf: (ms: number) => string,
): { from: number; until: number } | undefined {
  const today = dayOf(now);
  const starts = shows
    .filter((s) => s.status === 'scheduled')
    .map((s) => Date.parse(s.startsAt))
    .filter((t) => dayOf(t) === today);
  if (starts.length === 0) return undefined;
  return { from: Math.min(...starts) - seatingMinutes * 60_000, until: Math.max(...starts) };
}
