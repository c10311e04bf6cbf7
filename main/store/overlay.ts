import { changedFields, type AuditTarget } from '../domain/audit.ts';
import { effectiveAnnouncement, effectiveShowtime } from '../domain/overrides.ts';
import type { Announcement, Showtime } from '../domain/records.ts';
import type { Effect } from './apply-change.ts';
import type { Overrides } from './overrides.ts';

type Done = NonNullable<Effect>;

/**
 * Turns what a change did to the stored (upstream) record into what screens
 * must hear, given local overrides: nothing for a hidden record, a cancelled
 * status for one cancelled locally. This is why an upstream update of an
 * overridden record still reaches the feed as the effective record.
 */
export function overlay(effect: Done, overrides: Overrides): Done | undefined {
  switch (effect.type) {
    case 'showtime.upsert': {
      const data = effect.data as Showtime;
      const o = overrides.get('showtime', data.id);
      if (!o) return effect;
      const shown = effectiveShowtime(data, o);
      return shown && { ...effect, data: shown };
    }
    case 'showtime.remove':
      return overrides.get('showtime', (effect.data as { id: string }).id)?.hidden ? undefined : effect;
    case 'availability':
      return overrides.get('showtime', (effect.data as { showtimeId: string }).showtimeId)?.hidden
        ? undefined
        : effect;
    case 'announcement.upsert': {
      const data = effect.data as Announcement;
      return effectiveAnnouncement(data, overrides.get('announcement', data.id)) ? effect : undefined;
    }
    case 'announcement.remove':
      return overrides.get('announcement', (effect.data as { id: string }).id)?.hidden ? undefined : effect;
    default:
      return effect;
  }
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
