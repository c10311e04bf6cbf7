import { z } from 'zod';
import { Version } from './primitives.ts';

/**
 * JSON merge-patch (RFC 7386): what a `PATCH` of the admin API sends. Keys
 * it names replace the target's, `null` removes one, objects merge key by
 * key, anything else (arrays included) replaces whole. Keys it leaves out
 * are kept, so an edit never loses a field its form does not show.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The merge-patch a client sends to change `before` into `after`: only what
 * differs, `null` for what went. Values compare as JSON.
 */
export function mergePatchOf(before: unknown, after: unknown): unknown {
  if (!isObject(before) || !isObject(after)) return after;
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!(key in after) || after[key] === undefined) {
      if (key in before && before[key] !== undefined) patch[key] = null;
    } else if (isObject(before[key]) && isObject(after[key])) {
      const inner = mergePatchOf(before[key], after[key]);
      if (isObject(inner) && Object.keys(inner).length > 0) patch[key] = inner;
    } else if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      patch[key] = after[key];
    }
  }
  return patch;
}

/** A `PATCH` body: a merge-patch of the record, with the `version` it was read at (a stale one is a 409). */
export const MergePatchBody = z
  .object({ version: Version })
  .catchall(z.unknown())
  .refine((b) => !('id' in b), { message: 'the id cannot be changed', path: ['id'] })
  .refine((b) => !('source' in b), { message: 'the source cannot be changed', path: ['source'] });
export type MergePatchBody = z.infer<typeof MergePatchBody>;
