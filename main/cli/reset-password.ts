import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { hashPassword, passwordProblem } from '../api/auth/password.ts';
import type { Actor } from '../domain/audit.ts';
import { memoryLogger } from '../log.ts';
import { FIRST_MANAGER_NAME, StaffName } from '../domain/staff.ts';
import type { StaffSecret } from '../store/staff-accounts.ts';
import { isStorageError, describeStorageError } from '../store/storage-errors.ts';
import { Store } from '../store/store.ts';
import { CommandError, parseFlags } from './flags.ts';
import { type Input, readPassword } from './read-password.ts';

export const RESET_PASSWORD_USAGE = `marquee reset-password --data DIR [--user NAME]

  Sets a new password for one staff account, on the hub machine itself: the
  way back in when nobody can sign in. The new password comes from
  MARQUEE_ADMIN_PASSWORD, or else from standard input (asked for twice at a
  terminal; one line when piped), never from a flag (flags show in ps and in
  the shell's history). Every session of the account is signed out, and the
  hub's sign-in delays are lifted. It may run while the hub does. On a hub
  with no account yet it makes the first manager, named NAME.

  --data DIR    the hub's data folder, holding marquee.db
  --user NAME   the account's sign-in name (default: the first manager,
                the one \`{ "password" }\` alone signs in as)`;

const Flags = z.object({
  data: z.string({ error: 'is required' }).min(1, 'is required'),
  user: StaffName.optional(),
});

export function parseResetPasswordFlags(args: string[]) {
  return parseFlags(Flags, args, { data: { type: 'string' }, user: { type: 'string' } });
}

const ACTOR: Actor = {
  kind: 'system',
  id: 'reset-password',
  name: 'marquee reset-password',
  address: 'hub machine',
};

export interface ResetPasswordIo {
  env: NodeJS.ProcessEnv;
  stdin: Input;
  /** The one line of the result. */
  out: (line: string) => void;
  /** Prompts, at a terminal. */
  prompt: (text: string) => void;
}

const processIo = (): ResetPasswordIo => ({
  env: process.env,
  stdin: process.stdin,
  out: (line) => process.stdout.write(line + '\n'),
  prompt: (text) => process.stderr.write(text),
});

/** The account to reset; undefined on a hub with none yet (the reset makes the first manager). */
function accountOf(store: Store, user: string | undefined): StaffSecret | undefined {
  if (!store.staff.any()) return undefined;
  const account = user === undefined ? store.staff.firstManager() : store.staff.byName(user);
  if (account) return account;
  const names = store.staff.list().map((a) => `"${a.name}"`);
  throw new CommandError(
    `no staff account is called "${user ?? ''}"; the accounts are ${names.join(', ')}; nothing changed`,
  );
}

/** `marquee reset-password`: a new admin password straight into the database, sessions signed out. */
export async function resetPassword(args: string[], io: ResetPasswordIo = processIo()): Promise<void> {
  const flags = parseResetPasswordFlags(args);
  const file = join(resolve(flags.data), 'marquee.db');
  const password = io.env['MARQUEE_ADMIN_PASSWORD'] || (await readPassword(io.stdin, io.prompt));
  const problem = passwordProblem(password);
  if (problem) throw new CommandError(`the new password ${problem}; nothing changed`);
  const hash = await hashPassword(password);
  // The hub logs its own troubles; a tool's bookkeeping would only repeat them here.
  const store = Store.open({ file, existingOnly: true, log: memoryLogger() });
  try {
    let ended: number;
    let name: string;
    try {
      const account = accountOf(store, flags.user);
      name = account?.name ?? flags.user ?? FIRST_MANAGER_NAME;
      const audit = {
        actor: ACTOR,
        action: 'password.reset',
        summary: `Reset the password of "${name}" on the hub machine; their sessions ended`,
      };
      if (account) {
        ended = store.staff.update(
          account.id,
          undefined,
          { passwordHash: hash },
          Date.now(),
          audit,
        ).sessionsEnded;
      } else {
        const first = {
          id: `staff-${randomUUID().slice(0, 12)}`,
          name,
          role: 'manager' as const,
          passwordHash: hash,
        };
        store.staff.create(
          first,
          Date.now(),
          { ...audit, summary: `Made the first manager "${name}" on the hub machine` },
          { ifNone: true },
        );
        ended = 0;
      }
    } catch (err) {
      if (err instanceof CommandError) throw err;
      if (!isStorageError(err)) throw err;
      throw new CommandError(`the new password was not saved: ${describeStorageError(err)}; nothing changed`);
    }
    const sessions = ended === 1 ? '1 session' : `${ended} sessions`;
    io.out(`Password of "${name}" reset in ${file}; ${sessions} signed out. Sign in with the new password.`);
  } finally {
    store.close();
  }
}
