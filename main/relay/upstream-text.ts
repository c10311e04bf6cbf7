import { findTextProblem } from '../domain/text-safety.ts';

/**
 * Why an upstream record (as parsed) holds text the admin API would refuse,
 * as `path: problem`, or `undefined`. Such a record is left out like one that
 * does not parse: a lone surrogate, say, cannot be stored as it came, so the
 * held copy would differ from every snapshot and be re-saved and sent to every
 * screen each time.
 */
export function upstreamTextProblem(record: unknown): string | undefined {
  const found = findTextProblem(record);
  return found && `${found.path}: ${found.problem}`;
}
