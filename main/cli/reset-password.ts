import { join, resolve } from 'node:path';
import { z } from 'zod';
import { hashPassword, passwordProblem } from '../api/auth/password.ts';
import type { Actor } from '../domain/audit.ts';
import { memoryLogger } from '../log.ts';
import { ADMIN_ACCOUNT } from '../store/passwords.ts';
import { isStorageError, describeStorageError } from '../store/storage-errors.ts';
import { Store } from '../store/store.ts';
import { CommandError, parseFlags } from './flags.ts';
import { type Input, readPassword } from './read-password.ts';

export const RESET_PASSWORD_USAGE = `marquee reset-password --data DIR [--user NAME]

  Sets a new admin password, on the hub machine itself: the way back in when
  nobody can sign in. The new password comes from MARQUEE_ADMIN_PASSWORD, or
  else from standard input (asked for twice at a terminal; one line when
  piped), never from a flag (flags show in ps and in the shell's history).
  Every session of the account is signed out, and the hub's sign-in delays
  are lifted. It may run while the hub does.

  --data DIR    the hub's data folder, holding marquee.db
  --user NAME   the account (default admin, the only one)`;

const Flags = z.object({
  data: z.string({ error: 'is required' }).min(1, 'is required'),
  user: z
    .string()
    .refine((u) => u === ADMIN_ACCOUNT, `this hub has one account, "${ADMIN_ACCOUNT}"`)
    .default(ADMIN_ACCOUNT),
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
    const audit = {
      actor: ACTOR,
      action: 'password.reset',
      summary: `Reset the password of "${flags.user}" on the hub machine; all sessions ended`,
    };
    let ended: number;
    try {
      ended = store.password.set(hash, Date.now(), audit).sessionsEnded;
    } catch (err) {
      if (!isStorageError(err)) throw err;
      throw new CommandError(`the new password was not saved: ${describeStorageError(err)}; nothing changed`);
    }
    const sessions = ended === 1 ? '1 session' : `${ended} sessions`;
    io.out(
      `Password of "${flags.user}" reset in ${file}; ${sessions} signed out. Sign in with the new password.`,
    );
  } finally {
    store.close();
  }
}
