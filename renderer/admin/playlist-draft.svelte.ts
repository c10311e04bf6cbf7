import { mergePatchOf } from '../../main/domain/merge-patch.ts';
import type { PageKind, Playlist, PlaylistPage, PlaylistRole } from '../../main/domain/playlists.ts';

/** A playlist as the editor holds it: text fields as typed, turned into the wire shape only on save. */

export const PAGE_KINDS: readonly (readonly [PageKind, string])[] = [
  ['board', 'Board'],
  ['departures', 'Departures'],
  ['spotlight', 'Spotlight'],
  ['image', 'Image'],
  ['video', 'Video'],
  ['door', 'Door sign'],
];

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** The editor's new page lasts this long; the hub takes 3–3600 s. */
const NEW_PAGE_SECONDS = '15';

/** What a number input's `bind:value` holds: a number, nothing when empty, or the text it started from. */
type NumberInput = number | string | null | undefined;

export interface DraftPage {
  /** Stable across moves, for keyed lists and label ids. */
  key: number;
  kind: PageKind;
  /** The film, media file or auditorium the page shows (spotlight, image/video, door). */
  target: string;
  seconds: NumberInput;
  weight: NumberInput;
  days: number[];
  from: string;
  until: string;
  startDate: string;
  endDate: string;
}

export type Stored = Playlist & { version: number };

let nextKey = 1;

const text = (v: number | string | undefined) => (v === undefined ? '' : String(v));
const targetOf = (p: PlaylistPage) =>
  p.kind === 'spotlight'
    ? p.filmId
    : p.kind === 'image' || p.kind === 'video'
      ? p.mediaId
      : p.kind === 'door'
        ? p.auditoriumId
        : '';

function draftOf(p: PlaylistPage): DraftPage {
  return {
    key: nextKey++,
    kind: p.kind,
    target: targetOf(p),
    seconds: text(p.seconds),
    weight: text(p.weight),
    days: [...(p.days ?? [])],
    from: p.from ?? '',
    until: p.until ?? '',
    startDate: p.startDate ?? '',
    endDate: p.endDate ?? '',
  };
}

/** Empty inputs are left out (the hub's defaults apply); numbers are sent as numbers so the hub can judge them. */
function pageOf(d: DraftPage): Record<string, unknown> {
  const num = (v: NumberInput) =>
    v === null || v === undefined || String(v).trim() === '' ? undefined : Number(v);
  const opt = (v: string) => (v === '' ? undefined : v);
  const target =
    d.kind === 'spotlight'
      ? { filmId: d.target }
      : d.kind === 'image' || d.kind === 'video'
        ? { mediaId: d.target }
        : d.kind === 'door'
          ? { auditoriumId: d.target }
          : {};
  const page: Record<string, unknown> = {
    kind: d.kind,
    ...target,
    seconds: num(d.seconds),
    weight: num(d.weight),
    days: d.days.length > 0 && d.days.length < 7 ? [...d.days].sort((a, b) => a - b) : undefined,
    from: opt(d.from),
    until: opt(d.until),
    startDate: opt(d.startDate),
    endDate: opt(d.endDate),
  };
  return Object.fromEntries(Object.entries(page).filter(([, v]) => v !== undefined));
}

/** The playlist being edited (or made), its ordered pages, and the body a save sends. */
export class PlaylistDraft {
  editing = $state<Stored | undefined>();
  name = $state('');
  /** `''` when the playlist is for named displays only. */
  role = $state<PlaylistRole | ''>('board');
  /** Display ids or names, comma-separated as typed. */
  displays = $state('');
  pages = $state<DraftPage[]>([]);
  version = $state<number | undefined>();

  constructor() {
    this.open();
  }

  /** Starts editing `p`, or a new playlist of the board alone. */
  open(p?: Stored): void {
    this.editing = p;
    this.name = p?.name ?? '';
    this.role = p ? (p.role ?? '') : 'board';
    this.displays = (p?.displays ?? []).join(', ');
    this.pages = p ? p.pages.map(draftOf) : [];
    if (!p) this.add('board');
    this.version = p?.version;
  }

  add(kind: PageKind, target = ''): void {
    this.pages.push({ ...draftOf({ kind: 'board', seconds: 15 }), kind, target, seconds: NEW_PAGE_SECONDS });
  }

  /** Moves page `i` by `by` places (−1 up, +1 down); at an end it stays. */
  move(i: number, by: -1 | 1): void {
    const j = i + by;
    if (j < 0 || j >= this.pages.length) return;
    const pages = [...this.pages];
    [pages[i], pages[j]] = [pages[j]!, pages[i]!];
    this.pages = pages;
  }

  remove(i: number): void {
    this.pages = this.pages.filter((_, k) => k !== i);
  }

  /** The playlist's fields as the hub takes them on create or replace. */
  fields(): Record<string, unknown> {
    const displays = this.displays
      .split(',')
      .map((d) => d.trim())
      .filter((d) => d !== '');
    return {
      name: this.name.trim(),
      role: this.role === '' ? undefined : this.role,
      displays: displays.length > 0 ? displays : undefined,
      pages: this.pages.map(pageOf),
    };
  }

  /** A new playlist whole; an edit as a merge-patch of only what changed, with the version it was read at. */
  body(): Record<string, unknown> {
    if (!this.editing) return this.fields();
    const { name, role, displays, pages } = this.editing;
    const patch = mergePatchOf({ name, role, displays, pages }, this.fields()) as Record<string, unknown>;
    return { ...patch, version: this.version };
  }
}
