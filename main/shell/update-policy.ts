import type { Snapshot } from '../domain/events.ts';

/**
 * When a kiosk may install a downloaded update. Pure, so every rule is
 * table-tested (test/main/shell/update-policy.test.ts): the screens must
 * never go dark for a restart while the lobby needs them. (Staged rollout
 * is the feed's `stagingPercentage`, which electron-updater applies before
 * it downloads anything.)
 *
 * - Never during an urgent announcement (an evacuation notice stays up).
 * - Only in the venue's quiet hours: no show running, none starting within
 *   `leadMs`, and the quiet spell around now (from the last show's end to
 *   the next show's start) at least `minQuietMs` long: the night after the
 *   last show, not a gap in the afternoon.
 */
export interface UpdatePolicyOptions {
  /** No install this close before a show starts (the restart and the first snapshot need it). Default 60 min. */
  leadMs?: number;
  /** Shortest quiet spell that counts as "after the last show". Default 4 h. */
  minQuietMs?: number;
}

export interface ShowWindow {
  readonly startsAt: number;
  readonly endsAt: number;
}

export interface UpdateContext {
  readonly now: number;
  /** The venue's scheduled (not cancelled) shows, any order. */
  readonly shows: readonly ShowWindow[];
  readonly urgentActive: boolean;
}

export type WaitReason = 'urgent' | 'show-running' | 'show-soon' | 'between-shows';

export type UpdateDecision =
  { readonly install: true } | { readonly install: false; readonly reason: WaitReason };

const DEFAULTS: Required<UpdatePolicyOptions> = { leadMs: 60 * 60_000, minQuietMs: 4 * 60 * 60_000 };

export function updateDecision(ctx: UpdateContext, options: UpdatePolicyOptions = {}): UpdateDecision {
  const { leadMs, minQuietMs } = { ...DEFAULTS, ...options };
  const wait = (reason: WaitReason): UpdateDecision => ({ install: false, reason });
  if (ctx.urgentActive) return wait('urgent');
  let lastEnd = -Infinity;
  let nextStart = Infinity;
  for (const s of ctx.shows) {
    if (s.startsAt <= ctx.now && ctx.now < s.endsAt) return wait('show-running');
    if (s.endsAt <= ctx.now) lastEnd = Math.max(lastEnd, s.endsAt);
    else nextStart = Math.min(nextStart, s.startsAt);
  }
  if (nextStart - ctx.now < leadMs) return wait('show-soon');
  if (nextStart - lastEnd < minQuietMs) return wait('between-shows');
  return { install: true };
}

/** The scheduled shows of a snapshot as start and end times (runtime plus the show's extra minutes). */
export function showWindowsOf(snapshot: Pick<Snapshot, 'films' | 'showtimes'>): ShowWindow[] {
  const runtime = new Map(snapshot.films.map((f) => [f.id, f.runtimeMinutes]));
  return snapshot.showtimes
    .filter((s) => s.status !== 'cancelled')
    .map((s) => {
      const startsAt = Date.parse(s.startsAt);
      const minutes = (runtime.get(s.filmId) ?? 180) + (s.extraMinutes ?? 0);
      return { startsAt, endsAt: startsAt + minutes * 60_000 };
    });
}

/** Whether an urgent announcement is on the screens at `now`. */
export function urgentActiveAt(snapshot: Pick<Snapshot, 'announcements'>, now: number): boolean {
  return snapshot.announcements.some(
    (a) =>
      a.urgent === true &&
      (!a.startsAt || Date.parse(a.startsAt) <= now) &&
      (!a.endsAt || now < Date.parse(a.endsAt)),
  );
}
