import type { Database, Statement } from 'better-sqlite3';

/** The read side of `TokenPermissions`, for the API. */
export interface TokenPermissionsView {
  has(tokenId: string, permission: string): boolean;
  of(tokenId: string): string[];
}

/** What each API token may do beyond the schedule (`urgent`: urgent announcements). */
export class TokenPermissions implements TokenPermissionsView {
  readonly #has: Statement<[string, string], { n: number }>;
  readonly #of: Statement<[string], { permission: string }>;
  readonly #grant: Statement<[string, string]>;

  constructor(db: Database) {
    this.#has = db.prepare(
      'SELECT count(*) AS n FROM token_permissions WHERE token_id = ? AND permission = ?',
    );
    this.#of = db.prepare('SELECT permission FROM token_permissions WHERE token_id = ? ORDER BY permission');
    this.#grant = db.prepare('INSERT OR IGNORE INTO token_permissions (token_id, permission) VALUES (?, ?)');
  }

  has(tokenId: string, permission: string): boolean {
    return (this.#has.get(tokenId, permission)?.n ?? 0) > 0;
  }

  of(tokenId: string): string[] {
    return this.#of.all(tokenId).map((r) => r.permission);
  }

  /** Within the caller's transaction (the token's creation). */
  grant(tokenId: string, permissions: readonly string[]): void {
    for (const p of permissions) this.#grant.run(tokenId, p);
  }
}
