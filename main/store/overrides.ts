import type { Database, Statement } from 'better-sqlite3';
import {
  OVERLAY_FIELDS,
  type Overlay,
  type Override,
  type OverrideFlags,
  type OverrideKind,
} from '../domain/overrides.ts';

interface OverrideRow {
  kind: string;
  id: string;
  hidden: number;
  cancelled: number;
  note: string | null;
  overlay: string | null;
  version: number;
  updated_at: string;
}

function fromRow(r: OverrideRow): Override {
  const o: Override = {
    kind: r.kind as OverrideKind,
    id: r.id,
    hidden: r.hidden === 1,
    cancelled: r.cancelled === 1,
    version: r.version,
    updatedAt: r.updated_at,
  };
  if (r.note !== null) o.note = r.note;
  if (r.overlay !== null) Object.assign(o, JSON.parse(r.overlay) as Overlay);
  return o;
}

/** The overlay fields of `flags` as stored (`null` when none). */
function overlayJson(flags: OverrideFlags): string | null {
  const overlay = Object.fromEntries(
    OVERLAY_FIELDS.flatMap((f) => (flags[f] === undefined ? [] : [[f, flags[f]]])),
  );
  return Object.keys(overlay).length > 0 ? JSON.stringify(overlay) : null;
}

/** Local overrides of upstream records, keyed by record kind and id. */
export class Overrides {
  readonly #get: Statement<[string, string], OverrideRow>;
  readonly #all: Statement<[], OverrideRow>;
  readonly #put: Statement<[OverrideRow]>;
  readonly #delete: Statement<[string, string]>;
  readonly #count: Statement<[], { n: number }>;

  constructor(db: Database) {
    const cols = 'kind, id, hidden, cancelled, note, overlay, version, updated_at';
    this.#get = db.prepare(`SELECT ${cols} FROM overrides WHERE kind = ? AND id = ?`);
    this.#all = db.prepare(`SELECT ${cols} FROM overrides ORDER BY kind, id`);
    this.#put = db.prepare(
      `INSERT OR REPLACE INTO overrides (${cols})
       VALUES (@kind, @id, @hidden, @cancelled, @note, @overlay, @version, @updated_at)`,
    );
    this.#delete = db.prepare('DELETE FROM overrides WHERE kind = ? AND id = ?');
    this.#count = db.prepare('SELECT count(*) AS n FROM overrides');
  }

  get(kind: OverrideKind, id: string): Override | undefined {
    const row = this.#get.get(kind, id);
    return row && fromRow(row);
  }

  all(): Override[] {
    return this.#all.all().map(fromRow);
  }

  /** Every override of one kind by record id; the table is small (staff set these by hand). */
  byId(kind: OverrideKind): Map<string, Override> {
    const map = new Map<string, Override>();
    if (this.#count.get()?.n === 0) return map;
    for (const o of this.all()) if (o.kind === kind) map.set(o.id, o);
    return map;
  }

  put(kind: OverrideKind, id: string, flags: OverrideFlags, version: number, at: number): Override {
    const row: OverrideRow = {
      kind,
      id,
      hidden: flags.hidden ? 1 : 0,
      cancelled: flags.cancelled ? 1 : 0,
      note: flags.note ?? null,
      overlay: overlayJson(flags),
      version,
      updated_at: new Date(at).toISOString(),
    };
    this.#put.run(row);
    return fromRow(row);
  }

  delete(kind: OverrideKind, id: string): boolean {
    return this.#delete.run(kind, id).changes > 0;
  }
}
