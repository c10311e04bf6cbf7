import type { ErrorCode, FieldProblem } from '../../main/domain/api-error.ts';
import { ApiError, type RowProblem } from './api.ts';
import { en } from './messages/en.ts';

/** The admin's words for the hub's codes; one catalogue per language (en first). */
const words = en;

/** Each field's sentence from its stable code and params, the hub's own sentence where the catalogue has none. */
export function fieldSentences(err: ApiError): Record<string, string> {
  return Object.fromEntries(
    Object.entries(err.fields).map(([path, said]) => {
      const coded = err.fieldCodes[path];
      return [path, (coded && words.problem(path, coded)) ?? said];
    }),
  );
}

/** The sentence for a whole refusal: the catalogue's, else the one field at fault, else the hub's. */
export function refusalSentence(err: ApiError, fields: Record<string, string>): string {
  const one = Object.values(fields);
  return words.refusal(err.code, err.params) ?? (one.length === 1 ? one[0]! : err.message);
}

/**
 * The state every admin form shares: busy while a request runs, the hub's
 * message and code, one message per field (shown beside the field) with its
 * stable code, rows of a rejected batch, and on a version conflict the record
 * as it is now.
 */
export class FormState {
  busy = $state(false);
  error = $state('');
  notice = $state('');
  code = $state<ErrorCode | undefined>();
  fields = $state<Record<string, string>>({});
  fieldCodes = $state<Record<string, FieldProblem>>({});
  rows = $state<RowProblem[]>([]);
  conflict = $state<unknown>(undefined);

  /** Runs `action`, catching the hub's refusals into this state. Returns the result, or undefined on failure. */
  async run<T>(action: () => Promise<T>, success = ''): Promise<T | undefined> {
    this.busy = true;
    this.reset();
    try {
      const result = await action();
      this.notice = success;
      return result;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      this.fields = fieldSentences(err);
      this.error = refusalSentence(err, this.fields);
      this.code = err.code;
      this.fieldCodes = err.fieldCodes;
      this.rows = err.rows;
      if (err.status === 409) this.conflict = err.current ?? null;
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  reset(): void {
    this.error = '';
    this.notice = '';
    this.code = undefined;
    this.fields = {};
    this.fieldCodes = {};
    this.rows = [];
    this.conflict = undefined;
  }

  /** The message for `field` or any of its sub-fields (`settings.cleaningMinutes`). */
  of(field: string): string | undefined {
    if (this.fields[field]) return this.fields[field];
    const nested = Object.entries(this.fields).find(([k]) => k.startsWith(`${field}.`));
    // Sentences name their field already ("The de text may be at most 140 characters").
    return nested?.[1];
  }
}
