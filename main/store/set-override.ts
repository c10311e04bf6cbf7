import type { AuditTarget } from '../domain/audit.ts';
import {
  type Override,
  type OverrideFlags,
  type OverrideInput,
  type OverrideKind,
  effectiveAnnouncement,
  effectiveShowtime,
  isEmptyOverride,
} from '../domain/overrides.ts';
import type { Announcement, Showtime } from '../domain/records.ts';
import type { Effect } from './apply-change.ts';
import { ForbiddenChangeError, InvalidChangeError, NotFoundError, VersionConflictError } from './errors.ts';
import type { Overrides } from './overrides.ts';
import type { Tables } from './tables.ts';

export interface OverrideResult {
  /** The override now in force, or `null` when it was cleared. */
  override: Override | null;
  effects: NonNullable<Effect>[];
  target: AuditTarget | undefined;
}

function flagsOf(o: Override | undefined): OverrideFlags | undefined {
  return o && { hidden: o.hidden, cancelled: o.cancelled, ...(o.note !== undefined && { note: o.note }) };
}

/**
 * Sets (or, when empty, clears) the local override of an upstream record and
 * works out what screens must hear: the record goes when hidden, comes back
 * when shown again, and changes status when cancelled locally. A note alone
 * changes nothing on screen.
 */
export function setOverride(
  t: Tables,
  overrides: Overrides,
  kind: OverrideKind,
  id: string,
  input: OverrideInput,
  at: number,
): OverrideResult {
  const raw: Showtime | Announcement | undefined =
    kind === 'showtime' ? t.showtimes.get(id) : t.announcements.get(id);
  const prev = overrides.get(kind, id);
  if (!raw && !prev)
    throw new NotFoundError(`${kind} ${id} does not exist`, 'id', { code: 'not_found', params: { id } });
  if (raw && raw.source !== 'upstream') {
    throw new ForbiddenChangeError(`${kind} ${id} is a local record; edit it instead of overriding it`, {
      code: 'local_owned',
      params: { id, source: raw.source },
    });
  }
  // Absent version means "there is none yet"; anything else must match what is stored.
  if (input.version !== prev?.version) {
    throw new VersionConflictError(
      prev
        ? `the override of ${kind} ${id} was changed by someone else (version ${prev.version})`
        : `the override of ${kind} ${id} was cleared by someone else`,
      prev ?? null,
      { code: 'version_conflict', params: { current: prev?.version ?? null, sent: input.version ?? null } },
    );
  }
  if (kind === 'announcement' && input.cancelled) {
    throw new InvalidChangeError(
      'only showtimes can be cancelled; hide the announcement instead',
      'cancelled',
      { code: 'showtimes_only' },
    );
  }
  const next: OverrideFlags = {
    hidden: input.hidden,
    cancelled: input.cancelled,
    ...(input.note !== undefined && { note: input.note }),
  };
  const before = flagsOf(prev);
  if (before && JSON.stringify(before) === JSON.stringify(next)) {
    return { override: prev ?? null, effects: [], target: undefined };
  }
  const empty = isEmptyOverride(next);
  let override: Override | null = null;
  if (empty) overrides.delete(kind, id);
  else override = overrides.put(kind, id, next, (prev?.version ?? 0) + 1, at);

  const fields: Record<string, [unknown, unknown]> = {};
  for (const key of ['hidden', 'cancelled', 'note'] as const) {
    const a = before?.[key] ?? (key === 'note' ? null : false);
    const b = next[key] ?? (key === 'note' ? null : false);
    if (a !== b) fields[key] = [a, b];
  }
  const target: AuditTarget = {
    type: `${kind}.override`,
    id,
    change: !prev ? 'created' : empty ? 'removed' : 'updated',
    fields,
  };
  return { override, effects: raw ? screenEffects(kind, raw, before, empty ? undefined : next) : [], target };
}

function screenEffects(
  kind: OverrideKind,
  raw: Showtime | Announcement,
  before: OverrideFlags | undefined,
  after: OverrideFlags | undefined,
): NonNullable<Effect>[] {
  const view = (o: OverrideFlags | undefined) =>
    kind === 'showtime'
      ? effectiveShowtime(raw as Showtime, o)
      : effectiveAnnouncement(raw as Announcement, o);
  const was = view(before);
  const now = view(after);
  if (was && !now) return [{ type: `${kind}.remove`, data: { id: raw.id } }];
  if (now && (!was || JSON.stringify(was) !== JSON.stringify(now))) {
    return [{ type: `${kind}.upsert`, data: now }];
  }
  return [];
}
