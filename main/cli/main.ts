import { DatabaseFromFutureError, DatabaseOpenError } from '../store/errors.ts';
import { packageVersion } from '../paths.ts';
import { CommandError, UsageError } from './flags.ts';
import { FEED_SIM_USAGE, feedSim } from './feed-sim.ts';
import { RESET_PASSWORD_USAGE, resetPassword } from './reset-password.ts';
import { SERVE_USAGE, serve } from './serve.ts';

type Command = { usage: string; run: (args: string[]) => Promise<void> };

/** Subcommands; each module owns its flags and usage text. */
export const COMMANDS: Record<string, Command> = {
  serve: { usage: SERVE_USAGE, run: serve },
  'feed-sim': { usage: FEED_SIM_USAGE, run: feedSim },
  'reset-password': { usage: RESET_PASSWORD_USAGE, run: (args) => resetPassword(args) },
};

const usage = () =>
  `Marquee ${packageVersion()} — lobby displays for venues\n\n` +
  Object.values(COMMANDS)
    .map((c) => c.usage)
    .join('\n\n');

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    process.stdout.write(packageVersion() + '\n');
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`marquee: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  try {
    await command.run(args);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`marquee ${name}: ${err.message}\n\nusage: ${command.usage}\n`);
      return 2;
    }
    if (
      err instanceof DatabaseFromFutureError ||
      err instanceof DatabaseOpenError ||
      err instanceof CommandError ||
      (err as NodeJS.ErrnoException).code === 'EADDRINUSE'
    ) {
      process.stderr.write(`marquee ${name}: ${(err as Error).message}\n`);
      return 1;
    }
    throw err;
  }
}
