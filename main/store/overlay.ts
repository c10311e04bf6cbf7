import { changedFields, type AuditTarget } from '../domain/audit.ts';
import type { OverrideKind } from '../domain/overrides.ts';
import type { Effect } from './apply-change.ts';
import type { Overrides } from './overrides.ts';
import { effectiveRecord } from './set-override.ts';

type Done = NonNullable<Effect>;

const KIND_OF: Readonly<Record<string, OverrideKind>> = {
  showtime: 'showtime',
  availability: 'showtime',
  announcement: 'announcement',
  auditorium: 'auditorium',
  film: 'film',
};

/**
 * Turns what a change did to the stored (upstream) record into what screens
 * must hear, given local overrides: nothing for a hidden record, a cancelled
 * status for one cancelled locally, the local overlay (label, titles, tags)
 * merged in. This is why an upstream update of an overridden record still
 * reaches the feed as the effective record.
 */
export function overlay(effect: Done, overrides: Overrides): Done | undefined {
  const [noun = '', op] = effect.type.split('.');
  const kind = KIND_OF[noun];
  if (!kind) return effect;
  const data = effect.data as { id?: string; showtimeId?: string };
  const o = overrides.get(kind, data.id ?? data.showtimeId ?? '');
  if (!o) return effect;
  if (op !== 'upsert') return o.hidden ? undefined : effect;
  const shown = effectiveRecord(kind, effect.data as Parameters<typeof effectiveRecord>[1], o);
  return shown && { ...effect, data: shown };
}

/** The audit log's view of one change: which record, and which fields moved from what to what. */
export function auditTargetOf(effect: Done): AuditTarget {
  const data = effect.data as Record<string, unknown>;
  const [kind = effect.type, op] = effect.type.split('.');
  const type = effect.type === 'availability' ? 'showtime' : kind;
  const raw = data['id'] ?? data['showtimeId'];
  const id = typeof raw === 'string' ? raw : '';
  if (op === 'remove') return { type, id, change: 'removed' };
  if (effect.before === undefined) return { type, id, change: 'created' };
  return {
    type,
    id,
    change: 'updated',
    fields: changedFields(effect.before as Record<string, unknown>, data),
  };
}
