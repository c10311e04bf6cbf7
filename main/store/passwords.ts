import type { Database, Statement } from 'better-sqlite3';
import type { AuditInput } from '../domain/audit.ts';
import type { ApiTokens } from './api-tokens.ts';
import { StoreError } from './errors.ts';
import type { Sessions } from './sessions.ts';
import type { WritePath } from './write-path.ts';

/** Meta key of the admin password's scrypt hash. */
export const PASSWORD_KEY = 'admin.passwordHash';

/** The one account a hub has today; `marquee reset-password --user` names it. */
export const ADMIN_ACCOUNT = 'admin';

export interface SetPasswordOptions {
  /** Only if no password is set yet (first-run set-up); otherwise a 409-style conflict. Default false. */
  ifUnset?: boolean;
  /** Also revoke every active API token. Default false. */
  revokeApiTokens?: boolean;
}

export interface PasswordChange {
  /** Sessions that ended with it. */
  sessionsEnded: number;
  /** Ids of the API tokens revoked with it. */
  tokensRevoked: string[];
}

/** The admin password: its hash, and the one audited write that replaces it. */
export interface PasswordBook {
  /** The stored hash, or `undefined` before the first password is set. */
  hash(): string | undefined;
  /**
   * Stores a new hash, signs every session out and (if asked) revokes every
   * API token, in one audited transaction.
   */
  set(hash: string, now: number, audit: AuditInput, options?: SetPasswordOptions): PasswordChange;
}

export class Passwords implements PasswordBook {
  readonly #get: Statement<[string], { value: string }>;
  readonly #set: Statement<[string, string]>;
  readonly #countSessions: Statement<[number], { n: number }>;

  constructor(
    db: Database,
    private readonly path: WritePath,
    private readonly sessions: Sessions,
    private readonly tokens: ApiTokens,
  ) {
    this.#get = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.#set = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.#countSessions = db.prepare('SELECT count(*) AS n FROM sessions WHERE expires_at > ?');
  }

  hash(): string | undefined {
    return this.path.read('reading the admin password', () => this.#get.get(PASSWORD_KEY)?.value);
  }

  set(hash: string, now: number, audit: AuditInput, options: SetPasswordOptions = {}): PasswordChange {
    const change = this.path.write(audit, (targets) => {
      const had = this.#get.get(PASSWORD_KEY) !== undefined;
      if (had && options.ifUnset) {
        throw new StoreError('a password is already set; sign in instead', 'conflict');
      }
      this.#set.run(PASSWORD_KEY, hash);
      targets.push({ type: 'password', id: ADMIN_ACCOUNT, change: had ? 'updated' : 'created' });
      const sessionsEnded = this.#countSessions.get(now)?.n ?? 0;
      this.sessions.deleteAllRows();
      const tokensRevoked = options.revokeApiTokens ? this.tokens.revokeAllRows(now) : [];
      for (const id of tokensRevoked) targets.push({ type: 'token', id, change: 'removed' });
      return { sessionsEnded, tokensRevoked };
    });
    this.sessions.forgetUnsaved();
    return change;
  }
}
