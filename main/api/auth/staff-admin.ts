import type { Actor } from '../../domain/audit.ts';
import type { StaffAccount, StaffRole } from '../../domain/staff.ts';
import type { Store } from '../../store/store.ts';
import { HttpError } from '../http-error.ts';
import { checkNewPassword } from './new-password.ts';
import { hashPassword } from './password.ts';
import type { SignInGate } from './sign-in-gate.ts';
import { newSecret } from './tokens.ts';

export const newStaffId = (): string => `staff-${newSecret().slice(0, 12)}`;

const ROLE_WORDS: Readonly<Record<StaffRole, string>> = { manager: 'manager', box_office: 'box office' };

/** A manager's work on staff accounts: add, give a role, reset a password, remove. Every change audited. */
export class StaffAdmin {
  constructor(
    private readonly store: Store,
    private readonly gate: SignInGate,
    private readonly now: () => number,
    /** Told after this hub set a password, so it is not taken for a reset on the hub machine. */
    private readonly passwordsChanged: () => void,
  ) {}

  list(): StaffAccount[] {
    return this.store.staff.list();
  }

  /** A manager adds a person; they sign in with this password (and should change it). */
  async add(name: string, role: StaffRole, password: string, actor: Actor): Promise<StaffAccount> {
    checkNewPassword(password, 'password');
    const passwordHash = await this.gate.hash(() => hashPassword(password));
    const audit = {
      actor,
      action: 'staff.create',
      summary: `Added ${ROLE_WORDS[role]} "${name}"`,
    };
    return this.store.staff.create({ id: newStaffId(), name, role, passwordHash }, this.now(), audit);
  }

  /** A manager changes a person's role or resets their password (signing them out everywhere). */
  async update(
    id: string,
    version: number,
    change: { role?: StaffRole | undefined; password?: string | undefined },
    actor: Actor,
  ): Promise<StaffAccount> {
    const current = this.store.staff.get(id);
    if (!current) throw new HttpError(404, `no staff account ${id}`);
    if (change.password !== undefined) checkNewPassword(change.password, 'password');
    const { password } = change;
    const passwordHash =
      password === undefined ? undefined : await this.gate.hash(() => hashPassword(password));
    const words = [
      change.role && change.role !== current.role ? `made ${ROLE_WORDS[change.role]}` : undefined,
      passwordHash ? 'password reset, signed out everywhere' : undefined,
    ].filter(Boolean);
    const audit = {
      actor,
      action: 'staff.update',
      summary: `Changed the account of "${current.name}": ${words.join('; ') || 'nothing'}`,
    };
    const done = this.store.staff.update(
      id,
      version,
      { ...(change.role && { role: change.role }), ...(passwordHash && { passwordHash }) },
      this.now(),
      audit,
    );
    // A reset made here is no reset behind the hub's back: sign-in delays stay.
    if (passwordHash) this.passwordsChanged();
    const { sessionsEnded: _s, tokensRevoked: _t, ...account } = done;
    return account;
  }

  /** A manager removes a person: their sessions end at once. */
  remove(id: string, version: number, actor: Actor): void {
    const current = this.store.staff.get(id);
    if (!current) throw new HttpError(404, `no staff account ${id}`);
    const audit = { actor, action: 'staff.delete', summary: `Removed the account of "${current.name}"` };
    this.store.staff.remove(id, version, audit);
  }
}
