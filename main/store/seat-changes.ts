import type { ChangeOf } from '../domain/events.ts';
import type { Showtime } from '../domain/records.ts';
import {
  IDEMPOTENCY_TTL_MS,
  SeatOutcome,
  type SeatRequest,
  type StoredShowtime,
} from '../domain/seat-change.ts';
import type { AuditInput } from '../domain/audit.ts';
import { type Effect, applyChange } from './apply-change.ts';
import type { Work } from './apply-options.ts';
import type { IdempotencyClaim, IdempotencyKeys } from './idempotency-keys.ts';
import type { StorePath } from './store-path.ts';
import type { Tables } from './tables.ts';

/**
 * What `Store.changeSeats` came to: the outcome (first time or replayed from
 * its key), or `key_reused` when the key came with another request before.
 */
export type SeatResult =
  { kind: 'done'; outcome: SeatOutcome } | { kind: 'replay'; outcome: SeatOutcome } | { kind: 'key_reused' };

/** A key's request in one canonical form: same showtime, same operation, same number. */
const requestText = (r: SeatRequest): string => JSON.stringify([r.showtimeId, r.op, r.seats]);

const stored = (s: Showtime): StoredShowtime => {
  if (s.version === undefined) throw new Error(`showtime ${s.id} has no version`);
  return { ...s, version: s.version };
};

type Plan =
  | { kind: 'answered'; result: SeatResult }
  | { kind: 'final'; outcome: SeatOutcome }
  | {
      kind: 'apply';
      change: ChangeOf<'availability'>;
    };

function plan(
  t: Tables,
  keys: IdempotencyKeys,
  r: SeatRequest,
  claim: IdempotencyClaim | undefined,
  at: number,
): Plan {
  if (claim) {
    const row = keys.find(claim, at - IDEMPOTENCY_TTL_MS);
    if (row && row.request !== requestText(r)) return { kind: 'answered', result: { kind: 'key_reused' } };
    if (row) {
      const outcome = SeatOutcome.parse(JSON.parse(row.outcome));
      return { kind: 'answered', result: { kind: 'replay', outcome } };
    }
  }
  const show = t.showtimes.get(r.showtimeId);
  if (!show) return { kind: 'final', outcome: { kind: 'not_found', showtimeId: r.showtimeId } };
  if (show.source === 'upstream')
    return { kind: 'final', outcome: { kind: 'upstream_owned', showtimeId: show.id } };
  const next = show.seatsAvailable + (r.op === 'sell' ? -r.seats : r.seats);
  if (next < 0 || next > show.capacity) {
    const reason = next < 0 ? 'oversell' : 'over_release';
    return {
      kind: 'final',
      outcome: { kind: 'refused', reason, requested: r.seats, showtime: stored(show) },
    };
  }
  return {
    kind: 'apply',
    change: { type: 'availability', data: { showtimeId: show.id, seatsAvailable: next } },
  };
}

/**
 * One seat change as work for the store's write transaction. The count is
 * read inside it, so changes from many terminals apply one after another
 * against the true count. With a `claim`, the outcome (a refusal too) is
 * saved under its key in the same transaction: a retry finds it and changes
 * nothing. `apply` applies a change the way `Store.apply` does (overrides,
 * audit targets); `seq` is the newest sequence number.
 */
export function seatChangeWork(
  t: Tables,
  keys: IdempotencyKeys,
  request: SeatRequest,
  claim: IdempotencyClaim | undefined,
  at: number,
  apply: (change: ChangeOf<'availability'>, work: Work) => Effect,
): { work: Work; result: () => SeatResult } {
  const work: Work = { effects: [], targets: [] };
  let result: SeatResult = { kind: 'key_reused' };
  const finish = (outcome: SeatOutcome) => {
    if (claim) keys.save(claim, requestText(request), outcome, at);
    result = { kind: 'done', outcome };
  };
  const step = plan(t, keys, request, claim, at);
  if (step.kind === 'answered') result = step.result;
  else if (step.kind === 'final') finish(step.outcome);
  else {
    const effect = apply(step.change, work);
    // The answer names the event's seq, known only once it is logged, still inside the transaction.
    work.afterLog = (logged, seq) => {
      const showtime = t.showtimes.get(request.showtimeId);
      if (!showtime) throw new Error(`showtime ${request.showtimeId} vanished inside its own transaction`);
      finish({
        kind: 'applied',
        showtime: stored(showtime),
        seq: logged.at(-1)?.seq ?? seq,
        changed: effect !== undefined,
      });
    };
  }
  return { work, result: () => result };
}

/**
 * Commits one seat change through the store's write path: the count read and
 * the change, its log entry and its idempotency key in one transaction.
 * `collect` adds an applied effect to the work as `Store.apply` does
 * (overrides applied, audit target).
 */
export function commitSeatChange(
  parts: { path: StorePath; tables: Tables; keys: IdempotencyKeys },
  request: SeatRequest,
  options: { claim?: IdempotencyClaim; audit?: AuditInput },
  collect: (work: Work, effect: Effect) => void,
): SeatResult {
  let result: () => SeatResult = () => ({ kind: 'key_reused' });
  parts.path.commit(
    (at) => {
      const step = seatChangeWork(parts.tables, parts.keys, request, options.claim, at, (change, work) => {
        const effects = applyChange(parts.tables, change, {
          origin: 'local',
          checkVersions: false,
          now: at,
          notice: () => {},
        });
        for (const effect of effects) collect(work, effect);
        return effects[0];
      });
      result = step.result;
      return step.work;
    },
    options.audit ? { audit: options.audit } : {},
  );
  return result();
}
