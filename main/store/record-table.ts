import type { Database, Statement } from 'better-sqlite3';

/** What callers may do with a table of records: read it. Changes go through `Store.apply`. */
export interface RecordReader<T> {
  get(id: string): T | undefined;
  all(): T[];
  count(): number;
}

/**
 * Prepared statements for one table of records keyed by `id`. Statements are
 * prepared once here and reused for the life of the connection.
 */
export class RecordTable<
  T extends { id: string },
  R extends { id: string; version: number },
> implements RecordReader<T> {
  readonly #get: Statement<[string], R>;
  readonly #all: Statement<[], R>;
  readonly #put: Statement<[R]>;
  readonly #delete: Statement<[string]>;
  readonly #count: Statement<[], { n: number }>;

  constructor(
    db: Database,
    readonly table: string,
    columns: readonly (keyof R & string)[],
    private readonly fromRow: (row: R) => T,
    private readonly toRow: (record: T, version: number) => R,
    orderBy = 'id',
  ) {
    const cols = columns.join(', ');
    const params = columns.map((c) => `@${c}`).join(', ');
    this.#get = db.prepare(`SELECT ${cols} FROM ${table} WHERE id = ?`);
    this.#all = db.prepare(`SELECT ${cols} FROM ${table} ORDER BY ${orderBy}`);
    this.#put = db.prepare(`INSERT OR REPLACE INTO ${table} (${cols}) VALUES (${params})`);
    this.#delete = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
    this.#count = db.prepare(`SELECT count(*) AS n FROM ${table}`);
  }

  get(id: string): T | undefined {
    const row = this.#get.get(id);
    return row && this.fromRow(row);
  }

  all(): T[] {
    return this.#all.all().map(this.fromRow);
  }

  count(): number {
    return this.#count.get()?.n ?? 0;
  }

  /** Writes `record` at `version` and returns it as stored. */
  put(record: T, version: number): T {
    const row = this.toRow(record, version);
    this.#put.run(row);
    return this.fromRow(row);
  }

  delete(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }
}
