import { z } from 'zod';

/** Who made a change: a signed-in staff session, a box-office API token, or the hub itself. */
export const Actor = z.object({
  kind: z.enum(['session', 'token', 'system']),
  /** Session: a short public id derived from the session; token: its id. */
  id: z.string(),
  /** Human label: "staff", the token's name, "hub". */
  name: z.string(),
  /** Client address, when the change came over HTTP. */
  address: z.string().optional(),
});
export type Actor = z.infer<typeof Actor>;

/** One record an audited action touched, with the fields that changed (old → new). */
export const AuditTarget = z.object({
  type: z.string(),
  id: z.string(),
  change: z.enum(['created', 'updated', 'removed']),
  fields: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).optional(),
});
export type AuditTarget = z.infer<typeof AuditTarget>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actor: Actor,
  /** Machine name of the action, e.g. `showtime.create`, `import.csv`, `token.revoke`. */
  action: z.string(),
  /** One line a person reads. */
  summary: z.string(),
  /** Up to the first 50 records touched; `targetCount` is the full number. */
  targets: z.array(AuditTarget),
  targetCount: z.number().int().min(0),
  /** Event-log sequence numbers the action produced, if it reached the screens. */
  seqFrom: z.number().int().nullable(),
  seqTo: z.number().int().nullable(),
  /** True while `POST /api/admin/audit/:id/undo` may put the change back (it kept the old values, is under a day old, not undone). */
  undoable: z.boolean().optional(),
  /** When it was undone, if it was. */
  undoneAt: z.iso.datetime().nullable().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** What a caller hands the store to audit a write. */
export interface AuditInput {
  readonly actor: Actor;
  readonly action: string;
  readonly summary: string;
}

const SKIP = new Set(['version', 'source']);

/** Fields of `after` that differ from `before`, as `[old, new]`; versions are bookkeeping and left out. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, [unknown, unknown]> {
  const fields: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (SKIP.has(key)) continue;
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) fields[key] = [a ?? null, b ?? null];
  }
  return fields;
}

/** An audit entry's id as a path or query parameter (`/audit/:id/undo`, `?before=`): digits only, read as a number. */
export const AuditEntryIdParam = z
  .string()
  .regex(/^\d{1,15}$/, 'must be an entry id')
  .transform(Number);
