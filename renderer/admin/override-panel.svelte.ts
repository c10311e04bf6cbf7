import type { Override, OverrideKind } from '../../main/domain/overrides.ts';
import { OVERLAY_FIELDS_OF, type OverlayField } from '../../main/domain/overrides.ts';
import { api, NoAnswer } from './api.ts';
import { FormState } from './form.svelte.ts';
import { filledTexts } from './locale-texts.ts';
import type { SaveFlow } from './record-panel.svelte.ts';

/** The override form's draft: the flags, and the overlay fields as the inputs hold them. */
export interface OverrideDraft {
  hidden: boolean;
  cancelled: boolean;
  note: string;
  label: string;
  names: Record<string, string>;
  features: string[];
  titles: Record<string, string>;
  posterUrl: string;
  tags: string[];
}

const draftOf = (o: Override | undefined): OverrideDraft => ({
  hidden: o?.hidden ?? false,
  cancelled: o?.cancelled ?? false,
  note: o?.note ?? '',
  label: o?.label ?? '',
  names: { ...o?.names },
  features: [...(o?.features ?? [])],
  titles: { ...o?.titles },
  posterUrl: o?.posterUrl ?? '',
  tags: [...(o?.tags ?? [])],
});

/** An overlay field as the draft has it, in the override's shape (undefined: none). */
function overlayOf(d: OverrideDraft, field: OverlayField): unknown {
  switch (field) {
    case 'label':
    case 'posterUrl':
      return d[field].trim() || undefined;
    case 'names':
    case 'titles':
      return filledTexts(d[field]);
    case 'features':
    case 'tags':
      return d[field].length > 0 ? d[field] : undefined;
  }
}

/**
 * A local override of one upstream record: its flags (hidden, cancelled, a
 * note) and the overlay fields its kind takes. A save sends the flags and only
 * the overlay fields that changed (`null` for one cleared), so an overlay set
 * elsewhere is never lost.
 */
export class OverridePanel implements SaveFlow {
  readonly form = new FormState();
  draft = $state() as OverrideDraft;
  /** The override as last read; undefined while there is none. */
  existing = $state<Override | undefined>();
  readonly kind: OverrideKind;
  readonly id: string;
  readonly #done: () => void;

  constructor(kind: OverrideKind, id: string, existing: Override | undefined, done: () => void) {
    this.kind = kind;
    this.id = id;
    this.existing = existing;
    this.draft = draftOf(existing);
    this.#done = done;
  }

  get fields(): readonly OverlayField[] {
    return OVERLAY_FIELDS_OF[this.kind];
  }

  get current(): Override | null | undefined {
    return this.form.conflict as Override | null | undefined;
  }

  body(): Record<string, unknown> {
    const d = this.draft;
    const body: Record<string, unknown> = {
      hidden: d.hidden,
      cancelled: this.kind === 'showtime' && d.cancelled,
    };
    if (d.note.trim()) body['note'] = d.note.trim();
    for (const field of this.fields) {
      const now = overlayOf(d, field);
      const was = this.existing?.[field];
      if (JSON.stringify(now) !== JSON.stringify(was)) body[field] = now ?? null;
    }
    if (this.existing) body['version'] = this.existing.version;
    return body;
  }

  async save(): Promise<void> {
    const ok = await this.form.run(() =>
      api.put(`/api/admin/overrides/${this.kind}/${this.id}`, NoAnswer, this.body()),
    );
    if (ok) this.#done();
  }

  /** Clears every flag and overlay field: the record shows as the upstream sends it. */
  clear(): void {
    this.draft = draftOf(undefined);
    void this.save();
  }

  loadTheirs(): void {
    this.existing = this.current ?? undefined;
    this.draft = draftOf(this.existing);
    this.form.reset();
  }

  overwrite(): void {
    // Mine over theirs: the draft is compared with their override, so what I changed is what is sent.
    const theirs = this.current;
    if (theirs) this.existing = theirs;
    void this.save();
  }
}
