/**
 * When a kiosk may install a downloaded update. Pure, so every rule is
 * table-tested (test/main/shell/update-policy.test.ts): the screens must
 * never go dark for a restart while the lobby needs them.
 *
 * - Staged rollout: each kiosk has a stable bucket in [0, 100); it installs
 *   only once the feed's rollout percentage passes its bucket, so a bad
 *   release reaches a few venues first.
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
  /** The release's rollout, 0 to 100 (the feed's `stagingPercentage`; 100 when it has none). */
  readonly rolloutPercent: number;
  /** This kiosk's stable bucket, 0 to 99. */
  readonly bucket: number;
}

export type WaitReason = 'rollout' | 'urgent' | 'show-running' | 'show-soon' | 'between-shows';

export type UpdateDecision =
  { readonly install: true } | { readonly install: false; readonly reason: WaitReason };

const DEFAULTS: Required<UpdatePolicyOptions> = { leadMs: 60 * 60_000, minQuietMs: 4 * 60 * 60_000 };

export function updateDecision(ctx: UpdateContext, options: UpdatePolicyOptions = {}): UpdateDecision {
  const { leadMs, minQuietMs } = { ...DEFAULTS, ...options };
  const wait = (reason: WaitReason): UpdateDecision => ({ install: false, reason });
  if (ctx.bucket >= ctx.rolloutPercent) return wait('rollout');
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

/** A kiosk's bucket from its stable id (FNV-1a), the same on every start. */
export function rolloutBucket(kioskId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < kioskId.length; i++) {
    h ^= kioskId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100;
}
