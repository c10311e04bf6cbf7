import type { Database, Statement } from 'better-sqlite3';

export interface SessionRow {
  csrfToken: string;
  expiresAt: number;
}

/** Admin sign-in sessions. Only a hash of the cookie value is stored. */
export class Sessions {
  readonly #insert: Statement<[string, string, number, number]>;
  readonly #find: Statement<[string, number], SessionRow>;
  readonly #delete: Statement<[string]>;
  readonly #deleteAll: Statement<[]>;
  readonly #expire: Statement<[number]>;

  constructor(db: Database) {
    this.#insert = db.prepare(
      'INSERT INTO sessions (token_hash, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.#find = db.prepare(
      'SELECT csrf_token AS csrfToken, expires_at AS expiresAt FROM sessions WHERE token_hash = ? AND expires_at > ?',
    );
    this.#delete = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.#deleteAll = db.prepare('DELETE FROM sessions');
    this.#expire = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  create(tokenHash: string, csrfToken: string, now: number, expiresAt: number): void {
    this.#insert.run(tokenHash, csrfToken, now, expiresAt);
  }

  find(tokenHash: string, now: number): SessionRow | undefined {
    return this.#find.get(tokenHash, now);
  }

  delete(tokenHash: string): void {
    this.#delete.run(tokenHash);
  }

  /** Signs everybody out, e.g. after a password change. */
  deleteAll(): void {
    this.#deleteAll.run();
  }

  expire(now: number): number {
    return this.#expire.run(now).changes;
  }
}
