import type { Database, Statement } from 'better-sqlite3';
import type { AuditInput } from '../domain/audit.ts';
import { LimitReachedError, NotFoundError } from './errors.ts';
import type { WritePath } from './write-path.ts';
import type { TokenPermissions } from './token-permissions.ts';

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** Active API tokens allowed at once; a box office needs a handful. */
export const MAX_API_TOKENS = 100;
/** A revoked token is listed this long (so staff see it went), then deleted. */
export const REVOKED_TOKEN_KEPT_MS = 30 * 24 * 60 * 60_000;
/** "Last used" is kept to the minute, so a box office selling seats adds no disk write per sale. */
const TOUCH_EVERY_MS = 60_000;

/** What callers may do with API tokens: every write is audited and goes through the store's path. */
export interface ApiTokenBook {
  /** The active token with this hash, marking it used (best-effort: a refusing disk never fails the request). */
  use(tokenHash: string, now: number): { id: string; name: string } | undefined;
  get(id: string): ApiTokenInfo | undefined;
  list(): ApiTokenInfo[];
  /** Creates a token; past `MAX_API_TOKENS` active ones a `LimitReachedError`. */
  create(
    token: { id: string; name: string; hash: string; permissions?: readonly string[] },
    now: number,
    audit: AuditInput,
  ): void;
  /** Revokes an active token; a `NotFoundError` if there is none by that id. */
  revoke(id: string, now: number, audit: AuditInput): ApiTokenInfo;
}

/** Box-office API tokens. Only a hash is stored; the token itself is shown once. */
export class ApiTokens implements ApiTokenBook {
  readonly #insert: Statement<[string, string, string, number]>;
  readonly #findActive: Statement<[string], { id: string; name: string; lastUsedAt: number | null }>;
  readonly #touch: Statement<[number, string]>;
  readonly #get: Statement<[string], ApiTokenInfo>;
  readonly #list: Statement<[], ApiTokenInfo>;
  readonly #countActive: Statement<[], { n: number }>;
  readonly #revoke: Statement<[number, string]>;
  readonly #purge: Statement<[number]>;
  /** When each token was last noted as used, so a disk that refuses is asked once a minute, not per sale. */
  readonly #touched = new Map<string, number>();

  constructor(
    db: Database,
    private readonly path: WritePath,
    private readonly permissions: TokenPermissions,
  ) {
    const info = `id, name, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt`;
    this.#insert = db.prepare(
      'INSERT INTO api_tokens (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)',
    );
    this.#findActive = db.prepare(
      'SELECT id, name, last_used_at AS lastUsedAt FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL',
    );
    this.#touch = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
    this.#get = db.prepare(`SELECT ${info} FROM api_tokens WHERE id = ?`);
    this.#list = db.prepare(`SELECT ${info} FROM api_tokens ORDER BY created_at, id`);
    this.#countActive = db.prepare('SELECT count(*) AS n FROM api_tokens WHERE revoked_at IS NULL');
    this.#revoke = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.#purge = db.prepare('DELETE FROM api_tokens WHERE revoked_at IS NOT NULL AND revoked_at <= ?');
  }

  use(tokenHash: string, now: number): { id: string; name: string } | undefined {
    const token = this.path.read('reading API tokens', () => this.#findActive.get(tokenHash));
    if (!token) return undefined;
    const last = Math.max(token.lastUsedAt ?? -Infinity, this.#touched.get(token.id) ?? -Infinity);
    if (now - last >= TOUCH_EVERY_MS) {
      this.#touched.set(token.id, now);
      this.path.bookkeep('noting when an API token was used', () => this.#touch.run(now, token.id));
    }
    return { id: token.id, name: token.name };
  }

  get(id: string): ApiTokenInfo | undefined {
    return this.path.read('reading API tokens', () => this.#get.get(id));
  }

  list(): ApiTokenInfo[] {
    return this.path.read('reading API tokens', () => this.#list.all());
  }

  create(
    token: { id: string; name: string; hash: string; permissions?: readonly string[] },
    now: number,
    audit: AuditInput,
  ): void {
    this.path.write(audit, (targets) => {
      if ((this.#countActive.get()?.n ?? 0) >= MAX_API_TOKENS) {
        throw new LimitReachedError(`at most ${MAX_API_TOKENS} API tokens may be active; revoke one first`, {
          code: 'token_limit',
          params: { maximum: MAX_API_TOKENS },
        });
      }
      this.#insert.run(token.id, token.name, token.hash, now);
      // In the same transaction: a token never exists without the permissions it was made with.
      this.permissions.grant(token.id, token.permissions ?? []);
      targets.push({ type: 'token', id: token.id, change: 'created' });
    });
  }

  revoke(id: string, now: number, audit: AuditInput): ApiTokenInfo {
    return this.path.write(audit, (targets) => {
      const token = this.#get.get(id);
      if (!token || token.revokedAt !== null) throw new NotFoundError('no such active API token');
      this.#revoke.run(now, id);
      targets.push({ type: 'token', id, change: 'removed' });
      return token;
    });
  }

  /** Revokes every active token: only inside the store's write transaction (a password change). Returns their ids. */
  revokeAllRows(now: number): string[] {
    const active = this.#list.all().filter((t) => t.revokedAt === null);
    for (const t of active) this.#revoke.run(now, t.id);
    return active.map((t) => t.id);
  }

  /** Deletes tokens revoked at or before `before` (bookkeeping). Returns whether the disk took it. */
  purgeRevoked(before: number): boolean {
    return this.path.bookkeep('deleting long-revoked API tokens', () => {
      const gone = this.#purge.run(before).changes;
      if (gone > 0) for (const id of this.#touched.keys()) if (!this.#get.get(id)) this.#touched.delete(id);
    });
  }
}
