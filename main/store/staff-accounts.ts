import type { Database, Statement } from 'better-sqlite3';
import type { AuditInput } from '../domain/audit.ts';
import type { StaffAccount, StaffRole } from '../domain/staff.ts';
import type { ApiTokens } from './api-tokens.ts';
import { NotFoundError, StoreError, VersionConflictError } from './errors.ts';
import type { Sessions } from './sessions.ts';
import type { WritePath } from './write-path.ts';

/** An account with what signing in needs; only the store and the auth code see the hash. */
export interface StaffSecret extends StaffAccount {
  passwordHash: string;
}

export interface PasswordChange {
  /** Sessions of the person that ended with it. */
  sessionsEnded: number;
  /** Ids of the API tokens revoked with it. */
  tokensRevoked: string[];
}

export interface StaffChange {
  role?: StaffRole;
  passwordHash?: string;
  /** Also revoke every active API token (a manager's password that leaked). Default false. */
  revokeApiTokens?: boolean;
}

/** What callers may do with staff accounts: every write audited, through the store's one path. */
export interface StaffBook {
  /** Whether any account exists (a hub past first-run set-up). */
  any(): boolean;
  list(): StaffAccount[];
  get(id: string): StaffSecret | undefined;
  /** By sign-in name, whatever its case. */
  byName(name: string): StaffSecret | undefined;
  /** The first manager made (by set-up or by the migration from the shared password): who `{ password }` alone signs in as. */
  firstManager(): StaffSecret | undefined;
  /**
   * Adds an account. `ifNone`: only while the hub has none (first-run set-up;
   * a conflict otherwise), checked inside the write so two set-ups cannot both win.
   */
  create(
    account: { id: string; name: string; role: StaffRole; passwordHash: string },
    now: number,
    audit: AuditInput,
    options?: { ifNone?: boolean },
  ): StaffAccount;
  /**
   * A new role and/or password for one account at `version` (undefined: any).
   * A new password signs the person out everywhere. Refused if it leaves no manager.
   */
  update(
    id: string,
    version: number | undefined,
    change: StaffChange,
    now: number,
    audit: AuditInput,
  ): StaffAccount & PasswordChange;
  /** Removes an account and its sessions; refused for the last manager. */
  remove(id: string, version: number, audit: AuditInput): void;
  /**
   * A fingerprint of every stored password hash: the sign-in gate lifts its
   * delays when it changes behind the hub's back (`marquee reset-password`).
   */
  passwordStamp(): string;
}

type Row = StaffSecret;
const COLUMNS = 'id, name, role, password_hash AS passwordHash, created_at AS createdAt, version';

const publicOf = ({ passwordHash: _hash, ...account }: Row): StaffAccount => account;

const lastManager = () =>
  new StoreError('the hub needs at least one manager; make someone else manager first', 'conflict', 'role', {
    code: 'last_manager',
  });

export class StaffAccounts implements StaffBook {
  readonly #list: Statement<[], Row>;
  readonly #get: Statement<[string], Row>;
  readonly #byName: Statement<[string], Row>;
  readonly #first: Statement<[], Row>;
  readonly #count: Statement<[], { n: number }>;
  readonly #managers: Statement<[], { n: number }>;
  readonly #insert: Statement<[string, string, string, string, number]>;
  readonly #update: Statement<[string, string, string]>;
  readonly #delete: Statement<[string]>;
  readonly #sessionsOf: Statement<[string, number], { n: number }>;
  readonly #stamp: Statement<[], { stamp: string | null }>;

  constructor(
    db: Database,
    private readonly path: WritePath,
    private readonly sessions: Sessions,
    private readonly tokens: ApiTokens,
  ) {
    this.#list = db.prepare(`SELECT ${COLUMNS} FROM staff ORDER BY created_at, rowid`);
    this.#get = db.prepare(`SELECT ${COLUMNS} FROM staff WHERE id = ?`);
    this.#byName = db.prepare(`SELECT ${COLUMNS} FROM staff WHERE name = ?`);
    this.#first = db.prepare(
      `SELECT ${COLUMNS} FROM staff WHERE role = 'manager' ORDER BY created_at, rowid LIMIT 1`,
    );
    this.#count = db.prepare('SELECT count(*) AS n FROM staff');
    this.#managers = db.prepare("SELECT count(*) AS n FROM staff WHERE role = 'manager'");
    this.#insert = db.prepare(
      'INSERT INTO staff (id, name, role, password_hash, created_at, version) VALUES (?, ?, ?, ?, ?, 1)',
    );
    this.#update = db.prepare(
      'UPDATE staff SET role = ?, password_hash = ?, version = version + 1 WHERE id = ?',
    );
    this.#delete = db.prepare('DELETE FROM staff WHERE id = ?');
    this.#sessionsOf = db.prepare('SELECT count(*) AS n FROM sessions WHERE staff_id = ? AND expires_at > ?');
    this.#stamp = db.prepare("SELECT group_concat(id || ':' || password_hash, ',') AS stamp FROM staff");
  }

  any(): boolean {
    return this.path.read('reading staff accounts', () => (this.#count.get()?.n ?? 0) > 0);
  }

  list(): StaffAccount[] {
    return this.path.read('reading staff accounts', () => this.#list.all().map(publicOf));
  }

  get(id: string): StaffSecret | undefined {
    return this.path.read('reading staff accounts', () => this.#get.get(id));
  }

  byName(name: string): StaffSecret | undefined {
    return this.path.read('reading staff accounts', () => this.#byName.get(name));
  }

  firstManager(): StaffSecret | undefined {
    return this.path.read('reading staff accounts', () => this.#first.get());
  }

  passwordStamp(): string {
    return this.path.read('reading staff accounts', () => this.#stamp.get()?.stamp ?? '');
  }

  create(
    account: { id: string; name: string; role: StaffRole; passwordHash: string },
    now: number,
    audit: AuditInput,
    options: { ifNone?: boolean } = {},
  ): StaffAccount {
    return this.path.write(audit, (targets) => {
      if (options.ifNone && (this.#count.get()?.n ?? 0) > 0) {
        throw new StoreError('a password is already set; sign in instead', 'conflict', undefined, {
          code: 'password_already_set',
        });
      }
      if (this.#byName.get(account.name)) {
        throw new StoreError(`someone is already called "${account.name}"`, 'conflict', 'name', {
          code: 'name_taken',
          params: { name: account.name },
        });
      }
      this.#insert.run(account.id, account.name, account.role, account.passwordHash, now);
      targets.push({
        type: 'staff',
        id: account.id,
        change: 'created',
        fields: { name: [null, account.name], role: [null, account.role] },
      });
      const row = this.#get.get(account.id);
      if (!row) throw new Error('the account just added cannot be read back');
      return publicOf(row);
    });
  }

  update(
    id: string,
    version: number | undefined,
    change: StaffChange,
    now: number,
    audit: AuditInput,
  ): StaffAccount & PasswordChange {
    const result = this.path.write(audit, (targets) => {
      const current = this.#get.get(id);
      if (!current) throw new NotFoundError(`no staff account ${id}`, 'id');
      if (version !== undefined && current.version !== version) {
        throw new VersionConflictError(
          `the account of "${current.name}" was changed by someone else`,
          publicOf(current),
        );
      }
      const role = change.role ?? current.role;
      if (current.role === 'manager' && role !== 'manager' && (this.#managers.get()?.n ?? 0) <= 1) {
        throw lastManager();
      }
      this.#update.run(role, change.passwordHash ?? current.passwordHash, id);
      const fields: Record<string, [unknown, unknown]> = {};
      if (role !== current.role) fields['role'] = [current.role, role];
      // The hash itself never reaches the audit log; that it changed does.
      if (change.passwordHash) fields['password'] = ['(old)', '(new)'];
      targets.push({ type: 'staff', id, change: 'updated', fields });
      let sessionsEnded = 0;
      if (change.passwordHash) {
        sessionsEnded = this.#sessionsOf.get(id, now)?.n ?? 0;
        this.sessions.deleteRowsOf(id);
      }
      const tokensRevoked = change.revokeApiTokens ? this.tokens.revokeAllRows(now) : [];
      for (const t of tokensRevoked) targets.push({ type: 'token', id: t, change: 'removed' });
      const row = this.#get.get(id);
      if (!row) throw new Error('the account just changed cannot be read back');
      return { ...publicOf(row), sessionsEnded, tokensRevoked };
    });
    if (change.passwordHash) this.sessions.forgetUnsavedOf(id);
    return result;
  }

  remove(id: string, version: number, audit: AuditInput): void {
    this.path.write(audit, (targets) => {
      const current = this.#get.get(id);
      if (!current) throw new NotFoundError(`no staff account ${id}`, 'id');
      if (current.version !== version) {
        throw new VersionConflictError(
          `the account of "${current.name}" was changed by someone else`,
          publicOf(current),
        );
      }
      if (current.role === 'manager' && (this.#managers.get()?.n ?? 0) <= 1) throw lastManager();
      this.#delete.run(id);
      this.sessions.deleteRowsOf(id);
      targets.push({
        type: 'staff',
        id,
        change: 'removed',
        fields: { name: [current.name, null], role: [current.role, null] },
      });
    });
    this.sessions.forgetUnsavedOf(id);
  }
}
