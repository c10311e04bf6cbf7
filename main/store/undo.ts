import type { Change } from '../domain/events.ts';
import type { UndoRefusal, UndoStep } from '../domain/undo.ts';
import type { Effect } from './apply-change.ts';
import { StoreError } from './errors.ts';
import type { Tables } from './tables.ts';

/** An undo the hub will not do; `reason` says why in stable form, the message in words. */
export class UndoRefusedError extends StoreError {
  constructor(
    message: string,
    readonly reason: UndoRefusal,
    target?: { type: string; id: string },
  ) {
    super(message, 'conflict', undefined, {
      code: 'undo_refused',
      params: { reason, ...(target && { type: target.type, id: target.id }) },
    });
  }
}

type Row = Record<string, unknown>;
const RECORD_TYPES = new Set(['venue', 'auditorium', 'film', 'showtime', 'announcement']);

/** What an applied change leaves for its undo: the record before and after, or `undefined` (status, nothing). */
export function undoStepOf(effect: NonNullable<Effect>): UndoStep | undefined {
  const [noun = '', op] = effect.type.split('.');
  const data = effect.data as Row;
  const before = (effect.before as Row | undefined) ?? null;
  const key = data['showtimeId'] ?? data['id'];
  const id = typeof key === 'string' ? key : 'venue';
  if (effect.type === 'availability') return { type: 'availability', id, before, after: data };
  if (!RECORD_TYPES.has(noun)) return undefined;
  return {
    type: noun as UndoStep['type'],
    id,
    before,
    after: op === 'remove' ? null : data,
  };
}

/** One step per record: the first step's before, the last one's after. */
function merged(steps: readonly UndoStep[]): UndoStep[] {
  const byKey = new Map<string, UndoStep>();
  for (const s of steps) {
    const key = `${s.type}\u0000${s.id}`;
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, after: s.after } : s);
  }
  return [...byKey.values()];
}

const versionOf = (r: Row | null | undefined) => (r ? r['version'] : undefined);

/**
 * The changes that put back what `steps` changed, checked against the records
 * as they are now: a record changed again since (its version moved, seats
 * sold on a copied show) or one removed and made again refuses the whole
 * undo, so it never overwrites a later edit. A record the change made and
 * someone has removed since needs nothing.
 */
export function undoChanges(t: Tables, steps: readonly UndoStep[]): Change[] {
  const changes: Change[] = [];
  const changed = (s: UndoStep) =>
    new UndoRefusedError(
      `${s.type} ${s.id} was changed again after this entry; undo that change first`,
      'changed_since',
      s,
    );
  for (const s of merged(steps).reverse()) {
    if (s.type === 'availability') {
      const show = t.showtimes.get(s.id);
      if (!show || show.seatsAvailable !== s.after?.['seatsAvailable']) throw changed(s);
      changes.push({
        type: 'availability',
        data: { showtimeId: s.id, seatsAvailable: Number(s.before?.['seatsAvailable']) },
      });
      continue;
    }
    if (s.type === 'venue') {
      const venue = t.venue();
      if (!venue || !s.before || venue.version !== versionOf(s.after)) throw changed(s);
      changes.push({ type: 'venue', data: { ...s.before, version: venue.version } as never });
      continue;
    }
    const table = t[`${s.type}s` as 'films'] as { get(id: string): Row | undefined };
    const current = table.get(s.id);
    if (s.after === null) {
      if (current) {
        throw new UndoRefusedError(`${s.type} ${s.id} exists again; remove it first`, 'exists_again', s);
      }
      const { version: _v, ...record } = s.before ?? {};
      changes.push({ type: `${s.type}.upsert`, data: record } as Change);
    } else if (s.before === null) {
      if (!current) continue;
      if (versionOf(current) !== versionOf(s.after)) throw changed(s);
      changes.push({ type: `${s.type}.remove`, data: { id: s.id } });
    } else {
      if (!current || versionOf(current) !== versionOf(s.after)) throw changed(s);
      changes.push({
        type: `${s.type}.upsert`,
        data: { ...s.before, version: current['version'] },
      } as Change);
    }
  }
  return changes;
}
