import type { AuditTarget } from '../domain/audit.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import {
  OVERLAY_FIELDS,
  OVERLAY_FIELDS_OF,
  type Override,
  type OverrideFlags,
  type OverrideInput,
  type OverrideKind,
  effectiveAnnouncement,
  effectiveAuditorium,
  effectiveFilm,
  effectiveShowtime,
  isEmptyOverride,
} from '../domain/overrides.ts';
import type { Announcement, Auditorium, Film, Showtime } from '../domain/records.ts';
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

type Raw = Showtime | Announcement | Auditorium | Film;

function flagsOf(o: Override | undefined): OverrideFlags | undefined {
  if (!o) return undefined;
  const { kind: _k, id: _i, version: _v, updatedAt: _u, ...flags } = o;
  return flags;
}

function recordOf(t: Tables, kind: OverrideKind, id: string): Raw | undefined {
  switch (kind) {
    case 'showtime':
      return t.showtimes.get(id);
    case 'announcement':
      return t.announcements.get(id);
    case 'auditorium':
      return t.auditoriums.get(id);
    case 'film':
      return t.films.get(id);
  }
}

/** The record of `kind` as screens see it under `o`. */
export function effectiveRecord(kind: OverrideKind, raw: Raw, o: OverrideFlags | undefined): Raw | undefined {
  switch (kind) {
    case 'showtime':
      return effectiveShowtime(raw as Showtime, o);
    case 'announcement':
      return effectiveAnnouncement(raw as Announcement, o);
    case 'auditorium':
      return effectiveAuditorium(raw as Auditorium, o);
    case 'film':
      return effectiveFilm(raw as Film, o);
  }
}

const an = (kind: string) => (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);

/** Refuses what an override of this kind cannot do, naming the field. */
function checkFields(kind: OverrideKind, input: OverrideInput): void {
  if (kind !== 'showtime' && input.cancelled) {
    throw new InvalidChangeError(
      kind === 'announcement'
        ? 'only showtimes can be cancelled; hide the announcement instead'
        : `only showtimes can be cancelled; ${an(kind)} cannot`,
      'cancelled',
      { code: 'showtimes_only' },
    );
  }
  if ((kind === 'auditorium' || kind === 'film') && input.hidden) {
    throw new InvalidChangeError(`${an(kind)} cannot be hidden; hide its showtimes instead`, 'hidden', {
      code: 'showtimes_only',
    });
  }
  const allowed = OVERLAY_FIELDS_OF[kind];
  for (const field of OVERLAY_FIELDS) {
    if (input[field] === undefined || allowed.includes(field)) continue;
    throw new InvalidChangeError(
      allowed.length === 0
        ? `${an(kind)} override takes no ${field}; it can only hide the ${kind} or note something`
        : `${an(kind)} override takes no ${field}; it can set ${allowed.join(', ')}`,
      field,
    );
  }
}

/** The flags after `input`: hide, cancel and note as sent; overlay fields left out kept, `null` cleared. */
function nextFlags(input: OverrideInput, before: OverrideFlags | undefined): OverrideFlags {
  const next: OverrideFlags = {
    hidden: input.hidden,
    cancelled: input.cancelled,
    ...(input.note !== undefined && { note: input.note }),
  };
  for (const field of OVERLAY_FIELDS) {
    const value = input[field] === undefined ? before?.[field] : (input[field] ?? undefined);
    if (value !== undefined) Object.assign(next, { [field]: value });
  }
  return next;
}

const FLAG_DEFAULTS = { hidden: false, cancelled: false } as const;

/**
 * Sets (or, when empty, clears) the local override of an upstream record and
 * works out what screens must hear: the record goes when hidden, comes back
 * when shown again, changes status when cancelled locally, and shows its
 * overlay (a label, titles, tags). A note alone changes nothing on screen.
 */
export function setOverride(
  t: Tables,
  overrides: Overrides,
  kind: OverrideKind,
  id: string,
  input: OverrideInput,
  at: number,
): OverrideResult {
  const raw = recordOf(t, kind, id);
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
  checkFields(kind, input);
  const before = flagsOf(prev);
  const next = nextFlags(input, before);
  if (before && canonicalJson(before) === canonicalJson(next)) {
    return { override: prev ?? null, effects: [], target: undefined };
  }
  const empty = isEmptyOverride(next);
  let override: Override | null = null;
  if (empty) overrides.delete(kind, id);
  else override = overrides.put(kind, id, next, (prev?.version ?? 0) + 1, at);

  const fields: Record<string, [unknown, unknown]> = {};
  for (const key of ['hidden', 'cancelled', 'note', ...OVERLAY_FIELDS] as const) {
    const fallback = key === 'hidden' || key === 'cancelled' ? FLAG_DEFAULTS[key] : null;
    const a = before?.[key] ?? fallback;
    const b = next[key] ?? fallback;
    if (JSON.stringify(a) !== JSON.stringify(b)) fields[key] = [a, b];
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
  raw: Raw,
  before: OverrideFlags | undefined,
  after: OverrideFlags | undefined,
): NonNullable<Effect>[] {
  const was = effectiveRecord(kind, raw, before);
  const now = effectiveRecord(kind, raw, after);
  if (was && !now) return [{ type: `${kind}.remove`, data: { id: raw.id } }];
  if (now && (!was || JSON.stringify(was) !== JSON.stringify(now))) {
    return [{ type: `${kind}.upsert`, data: now }];
  }
  return [];
}
