import type { Database, Statement } from 'better-sqlite3';

/** One remembered key: the request it came with and what that request came to (JSON). */
export interface IdempotencyRow {
  request: string;
  outcome: string;
  createdAt: number;
}

/** Who sent a key (one credential) and the key itself: keys of different credentials never meet. */
export interface IdempotencyClaim {
  readonly scope: string;
  readonly key: string;
}

/** `Idempotency-Key`s and their outcomes. Used only inside the store's write transaction. */
export class IdempotencyKeys {
  readonly #find: Statement<[string, string, number], IdempotencyRow>;
  readonly #save: Statement<[string, string, string, string, number]>;
  readonly #expire: Statement<[number]>;

  constructor(db: Database) {
    this.#find = db.prepare(
      `SELECT request, outcome, created_at AS createdAt FROM idempotency_keys
       WHERE scope = ? AND key = ? AND created_at > ?`,
    );
    // Replaces only an expired row: a live one is found first and answered from.
    this.#save = db.prepare(
      'INSERT OR REPLACE INTO idempotency_keys (scope, key, request, outcome, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#expire = db.prepare('DELETE FROM idempotency_keys WHERE created_at <= ?');
  }

  /** The live row for `claim`: one written after `since`. */
  find(claim: IdempotencyClaim, since: number): IdempotencyRow | undefined {
    return this.#find.get(claim.scope, claim.key, since);
  }

  save(claim: IdempotencyClaim, request: string, outcome: unknown, at: number): void {
    this.#save.run(claim.scope, claim.key, request, JSON.stringify(outcome), at);
  }

  /** Deletes rows written at or before `before`. Returns how many. */
  expire(before: number): number {
    return this.#expire.run(before).changes;
  }
}
