import { packageVersion } from '../paths.ts';
import { BACKUP_USAGE, RESTORE_USAGE, backup, restore } from './backup.ts';
import { CommandError, UsageError } from './flags.ts';
import { FEED_SIM_USAGE, feedSim } from './feed-sim.ts';
import { RESET_PASSWORD_USAGE, resetPassword } from './reset-password.ts';
import { SERVE_USAGE, serve } from './serve.ts';
import { VEEZI_SIM_USAGE, veeziSim } from './veezi-sim.ts';

type Command = { usage: string; run: (args: string[]) => Promise<void> };

/** Subcommands; each module owns its flags and usage text. */
export const COMMANDS: Record<string, Command> = {
  serve: { usage: SERVE_USAGE, run: serve },
  'feed-sim': { usage: FEED_SIM_USAGE, run: feedSim },
  'reset-password': { usage: RESET_PASSWORD_USAGE, run: (args) => resetPassword(args) },
  'veezi-sim': { usage: VEEZI_SIM_USAGE, run: (args) => veeziSim(args) },
  backup: { usage: BACKUP_USAGE, run: backup },
  restore: { usage: RESTORE_USAGE, run: restore },
};

const usage = () =>
  `Marquee ${packageVersion()} — lobby displays for venues\n\n` +
  Object.values(COMMANDS)
    .map((c) => c.usage)
    .join('\n\n');

const HELP = new Set(['--help', '-h']);
const VERSION = new Set(['--version', '-V']);

/** Flags before a `--` (after it, everything is an argument). */
const flagsOf = (args: readonly string[]) => {
  const end = args.indexOf('--');
  return end === -1 ? args : args.slice(0, end);
};

/**
 * `marquee <command> …`: help and version on stdout with exit 0; usage errors
 * on stderr with exit 2; a start-up failure an operator can fix in one line on
 * stderr with exit 1. Anything else is a bug and keeps its stack (cli.ts).
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    process.stderr.write(`marquee: which command?\n\n${usage()}\n`);
    return 2;
  }
  if (HELP.has(name) || name === 'help') {
    const command = args[0] === undefined ? undefined : COMMANDS[args[0]];
    process.stdout.write((command ? `usage: ${command.usage}` : usage()) + '\n');
    return 0;
  }
  if (VERSION.has(name)) {
    process.stdout.write(packageVersion() + '\n');
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`marquee: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  const flags = flagsOf(args);
  if (flags.some((a) => HELP.has(a))) {
    process.stdout.write(`usage: ${command.usage}\n`);
    return 0;
  }
  if (flags.some((a) => VERSION.has(a))) {
    process.stdout.write(packageVersion() + '\n');
    return 0;
  }
  try {
    await command.run(args);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`marquee ${name}: ${err.message}\n\nusage: ${command.usage}\n`);
      return 2;
    }
    if (err instanceof CommandError) {
      process.stderr.write(`marquee ${name}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
