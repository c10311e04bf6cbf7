import type { z } from 'zod';
import { mergePatchOf } from '../../main/domain/merge-patch.ts';
import { api, NoAnswer } from './api.ts';
import { FormState } from './form.svelte.ts';

/** A record as the admin reads it: its id and the version an edit is made against. */
export interface Versioned {
  readonly id: string;
  readonly version?: number | undefined;
}

/** What a form footer needs of a save: its messages, and on a stale write the choice between theirs and mine. */
export interface SaveFlow {
  readonly form: FormState;
  /** The record as it is now after a refused stale write (null: deleted); undefined otherwise. */
  readonly current: object | null | undefined;
  /** What this form would send. */
  body(): Record<string, unknown>;
  loadTheirs(): void;
  overwrite(): void;
}

export interface RecordPanelOptions<R extends Versioned, D> {
  /** Where the records live: `POST` adds to it; `PATCH` and `DELETE` go to `<path>/<id>`. */
  readonly path: string;
  /** The one record there is (the venue): always being edited, saved with `PATCH <path>`. Default false. */
  readonly single?: boolean;
  /** How messages name a record: "Screen 4", "“Dune”". */
  readonly nameOf: (record: R) => string;
  /** How messages name a record being saved, from the draft. */
  readonly draftName: (draft: D) => string;
  /** The form's draft of a record, or a blank one. */
  readonly draftOf: (record: R | undefined) => D;
  /** The fields the form edits, from the draft, in the record's shape (a new record is sent as this). */
  readonly fieldsFrom: (draft: D) => Record<string, unknown>;
  /** The same fields as a stored record has them: what an edit's merge-patch is made against. */
  readonly fieldsOf: (record: R) => Record<string, unknown>;
  /** The hub's answer to a save, when the panel needs the stored record back. Default: none read. */
  readonly answer?: z.ZodType<{ record: R }>;
  /** After a save: open a blank form, or close the form. Default `new` (a single record reloads). */
  readonly afterSave?: 'new' | 'close';
  /** Re-reads what the admin shows after a change. */
  readonly refresh: () => void;
  /** Called when a record (or a blank form) is opened, e.g. to focus the first field. Default none. */
  readonly onOpen?: () => void;
}

/**
 * The state every record panel shares (announcements, auditoriums, films, the
 * venue): which record is open, its draft and version, the form's messages,
 * and the save that sends a new record whole but an edit as a merge-patch of
 * only what changed, so a field the form does not show is never lost.
 */
export class RecordPanel<R extends Versioned, D> implements SaveFlow {
  /** The stored record being edited; undefined while adding one. */
  editing = $state<R | undefined>();
  draft = $state() as D;
  version = $state<number | undefined>();
  /** Whether the form is showing, for panels that open it on demand (films). */
  shown = $state(false);
  /** The form's own messages (field errors, conflicts). */
  readonly form = new FormState();
  /** Messages about the list: deletions, and saves whose form has closed. */
  readonly action = new FormState();
  readonly #o: RecordPanelOptions<R, D>;

  constructor(options: RecordPanelOptions<R, D>, record?: R) {
    this.#o = options;
    this.editing = record;
    this.draft = options.draftOf(record);
    this.version = record?.version;
  }

  /** Opens `record` for editing, or a blank form to add one. */
  open(record?: R): void {
    this.editing = record;
    this.draft = this.#o.draftOf(record);
    this.version = record?.version;
    this.shown = true;
    this.form.reset();
    this.#o.onOpen?.();
  }

  close(): void {
    this.shown = false;
    this.form.reset();
  }

  /** The record as it is now, after a save was refused as stale (null: it was deleted). */
  get current(): R | null | undefined {
    return this.form.conflict as R | null | undefined;
  }

  /** What a save sends: a new record whole; an edit only what changed, with the version it was made against. */
  body(): Record<string, unknown> {
    const fields = this.#o.fieldsFrom(this.draft);
    if (!this.editing) return fields;
    return { ...(mergePatchOf(this.#o.fieldsOf(this.editing), fields) as object), version: this.version };
  }

  /** Sends the draft; the stored record (with `answer`) or true, or undefined when the hub refused it. */
  async save(): Promise<R | true | undefined> {
    const answer = this.#o.answer;
    const send = <T>(schema: z.ZodType<T>) => {
      if (this.#o.single) return api.patch(this.#o.path, schema, this.body());
      if (this.editing) return api.patch(`${this.#o.path}/${this.editing.id}`, schema, this.body());
      return api.post(this.#o.path, schema, this.body());
    };
    // Named as saved: an edit that renames a record says its new name.
    const name = this.#o.draftName(this.draft);
    const said = this.editing || this.#o.single ? `Saved ${name}.` : `Added ${name}.`;
    const res = answer
      ? (await this.form.run(() => send(answer), said))?.record
      : await this.form.run(() => send(NoAnswer), said);
    return res;
  }

  /** Saves, then (on success) reloads a single record, opens a blank form or closes it, and refreshes. */
  async submit(): Promise<R | true | undefined> {
    const res = await this.save();
    if (res === undefined) return undefined;
    this.saved(res === true ? undefined : res);
    return res;
  }

  /** What follows a successful save (`record`: the stored one, when the hub's answer was read). */
  saved(record?: R): void {
    const notice = this.form.notice;
    if (this.#o.single) {
      if (record) this.open(record);
    } else if (this.#o.afterSave === 'close') {
      this.close();
      this.action.reset();
      this.action.notice = notice;
    } else this.open();
    // Opening a form clears its messages; the one saying it worked stays.
    this.form.notice = this.#o.afterSave === 'close' ? '' : notice;
    this.#o.refresh();
  }

  /** Deletes `record` once staff confirm, naming it. */
  async remove(record: R): Promise<void> {
    const name = this.#o.nameOf(record);
    if (!confirm(`Delete ${name}?`)) return;
    const ok = await this.action.run(
      () => api.del(`${this.#o.path}/${record.id}?version=${record.version}`, NoAnswer),
      `Deleted ${name}.`,
    );
    if (ok) {
      if (this.editing?.id === record.id) this.open();
      this.#o.refresh();
    }
  }

  /** After a conflict: take the record as it is now (a deleted one leaves a blank form, or closes it). */
  loadTheirs(): void {
    const now = this.current;
    if (now) this.open(now);
    else if (this.#o.afterSave === 'close') this.close();
    else this.open();
  }

  /** After a conflict: save the draft over theirs. */
  overwrite(): void {
    const now = this.current;
    if (now) this.version = now.version;
    void this.submit();
  }
}
