import type { ErrorCode, FieldProblem } from '../../main/domain/api-error.ts';
import { ApiError, type RowProblem } from './api.ts';

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
      this.error = err.message;
      this.code = err.code;
      this.fields = err.fields;
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
    return nested && `${nested[0].slice(field.length + 1)}: ${nested[1]}`;
  }
}
