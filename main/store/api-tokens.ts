import type { Database, Statement } from 'better-sqlite3';

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** Box-office API tokens. Only a hash is stored; the token itself is shown once. */
export class ApiTokens {
  readonly #insert: Statement<[string, string, string, number]>;
  readonly #findActive: Statement<[string], { id: string; name: string; lastUsedAt: number | null }>;
  readonly #touch: Statement<[number, string]>;
  readonly #list: Statement<[], ApiTokenInfo>;
  readonly #revoke: Statement<[number, string]>;

  constructor(db: Database) {
    this.#insert = db.prepare(
      'INSERT INTO api_tokens (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)',
    );
    this.#findActive = db.prepare(
      'SELECT id, name, last_used_at AS lastUsedAt FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL',
    );
    this.#touch = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
    this.#list = db.prepare(
      `SELECT id, name, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt
       FROM api_tokens ORDER BY created_at, id`,
    );
    this.#revoke = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  }

  create(id: string, name: string, tokenHash: string, now: number): void {
    this.#insert.run(id, name, tokenHash, now);
  }

  /**
   * The active token with this hash, marking it used. "Last used" is kept to
   * the minute so a box office selling seats does not add a disk write to
   * every sale.
   */
  use(tokenHash: string, now: number): { id: string; name: string } | undefined {
    const token = this.#findActive.get(tokenHash);
    if (!token) return undefined;
    if (token.lastUsedAt === null || now - token.lastUsedAt >= 60_000) this.#touch.run(now, token.id);
    return { id: token.id, name: token.name };
  }

  get(id: string): ApiTokenInfo | undefined {
    return this.#list.all().find((t) => t.id === id);
  }

  list(): ApiTokenInfo[] {
    return this.#list.all();
  }

  revoke(id: string, now: number): boolean {
    return this.#revoke.run(now, id).changes > 0;
  }
}
