import type { Beat, Heartbeat, ShowingKind } from '../domain/displays.ts';
import type { ScreenAssignment } from '../domain/pairing.ts';
import type { DisplayRow, DisplayRows } from './displays.ts';

/** One screen as the display registry keeps it in memory. */
export interface Entry {
  displayId: string;
  role: Heartbeat['role'];
  auditoriumId: string | null;
  url: string;
  address: string;
  lastFrameAt: string;
  firstSeen: number;
  /** Kept in memory only: a restarted hub hears it again within one heartbeat. */
  clockOffsetMs: number | null;
  /** Kept in memory only, like the offset: the page on screen at the last beat, since when (hub clock). */
  showing: Showing | null;
  beats: Beat[];
  persistedAt: number;
}

/** A screen's page as the registry keeps it. */
export interface Showing {
  kind: ShowingKind;
  id?: string;
  since: number;
}

/**
 * The page a beat reports, since `now - forMs`; the same page as the last
 * beat keeps its first `since`, so network delay does not make it jitter.
 */
export function showingOf(hb: Heartbeat, prev: Showing | null, now: number): Showing | null {
  const s = hb.showing;
  if (!s) return null;
  const since = now - s.forMs;
  // Within a beat's delay of the kept start, it is the same showing of the same page.
  if (prev && prev.kind === s.kind && prev.id === s.id && Math.abs(prev.since - since) < 5_000) return prev;
  return { kind: s.kind, ...(s.id !== undefined && { id: s.id }), since };
}

/** A screen's row as of its last beat. */
export function rowOf(e: Entry): DisplayRow {
  const last = e.beats.at(-1)!;
  return {
    display_id: e.displayId,
    role: e.role,
    auditorium_id: e.auditoriumId,
    last_event_id: last.lastEventId,
    hub_seq: last.hubSeq,
    last_frame_at: e.lastFrameAt,
    url: e.url,
    address: e.address,
    first_seen: e.firstSeen,
    last_seen: last.at,
  };
}

/** The acknowledged stalls; none if they cannot be read (health says why). */
export function acknowledgementsOf(rows: DisplayRows): Map<string, number> {
  try {
    return rows.acknowledgements();
  } catch {
    return new Map();
  }
}

/** The names staff gave; none if they cannot be read (health says why). */
export function namesOf(rows: DisplayRows): Map<string, ScreenAssignment> {
  try {
    return rows.names();
  } catch {
    return new Map();
  }
}

/** The screens stored before a restart; none if they cannot be read (health says why), so the hub still starts. */
export function remembered(rows: DisplayRows): DisplayRow[] {
  try {
    return rows.all();
  } catch {
    return [];
  }
}
