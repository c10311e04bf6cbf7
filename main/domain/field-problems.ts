import type { z } from 'zod';
import { type ErrorParams, type FieldCode, type FieldIssue, isFieldCode } from './api-error.ts';

/**
 * The one place zod's issues become our stable field codes. zod's own codes
 * and messages change between majors; ours do not. A refinement names its
 * code through `params: { code: '…', … }`; one that names none is `invalid`.
 */

/** The key of a field in `fields` / `fieldCodes`: its dotted path, `(body)` for the whole body. */
export const fieldKey = (path: readonly PropertyKey[]): string =>
  path.length > 0 ? path.map(String).join('.') : '(body)';

type Param = ErrorParams[string];

/** A value as a parameter, if it is one (a scalar or a list of scalars). */
function asParam(value: unknown): Param | undefined {
  const scalar = (v: unknown) =>
    v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && isFinite(v));
  if (scalar(value)) return value as Param;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value) && value.every(scalar)) return value as Param;
  return undefined;
}

function paramsOf(entries: Record<string, unknown>): ErrorParams {
  const out: ErrorParams = {};
  for (const [k, v] of Object.entries(entries)) {
    const p = asParam(v);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

/** What is at `path` in `input`, or `undefined` if nothing is. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** A limit (`minimum` or `maximum`), whether it is itself allowed, and what it counts (`number`, `string`, `array`). */
const bound = (
  code: 'too_small' | 'too_big',
  limit: Record<string, unknown>,
  issue: { inclusive?: boolean; origin: string },
): { code: FieldCode; params: ErrorParams } => ({
  code,
  params: paramsOf({ ...limit, inclusive: issue.inclusive ?? true, origin: issue.origin }),
});

/** What was parsed: zod keeps no input in its issues, and a missing field is only told from a mistyped one by looking. */
export interface Parsed {
  readonly input: unknown;
}

/** The stable code and params of one zod issue; without `parsed` a missing field is `wrong_type`. */
export function problemOf(
  issue: z.core.$ZodIssue,
  parsed?: Parsed,
): { code: FieldCode; params: ErrorParams } {
  switch (issue.code) {
    case 'invalid_type':
      if (parsed && valueAt(parsed.input, issue.path) === undefined) return { code: 'required', params: {} };
      if (issue.expected === 'int') return { code: 'not_integer', params: {} };
      return { code: 'wrong_type', params: { expected: issue.expected } };
    case 'too_small':
      return bound('too_small', { minimum: issue.minimum }, issue);
    case 'too_big':
      return bound('too_big', { maximum: issue.maximum }, issue);
    case 'invalid_format':
      // Not the pattern: it is long, internal and says nothing a person reads.
      return { code: 'bad_format', params: { format: issue.format } };
    case 'not_multiple_of':
      return { code: 'not_multiple_of', params: paramsOf({ divisor: issue.divisor }) };
    case 'unrecognized_keys':
      return { code: 'unknown_keys', params: { keys: issue.keys } };
    case 'invalid_value':
      return { code: 'not_one_of', params: paramsOf({ values: issue.values }) };
    case 'custom': {
      const { code, ...rest } = issue.params ?? {};
      return isFieldCode(code) ? { code, params: paramsOf(rest) } : { code: 'invalid', params: {} };
    }
    default:
      return { code: 'invalid', params: {} };
  }
}

/** One problem per field, the first zod reported for it, keyed by `fieldKey`. */
export function fieldIssues(error: z.ZodError, parsed?: Parsed): Record<string, FieldIssue> {
  const fields: Record<string, FieldIssue> = {};
  for (const issue of error.issues) {
    fields[fieldKey(issue.path)] ??= { message: issue.message, ...problemOf(issue, parsed) };
  }
  return fields;
}
