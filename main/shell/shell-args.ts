export interface ShellArgs {
  /** `--user-data-dir=DIR`: settings, database and logs go here instead of the OS default. */
  readonly userDataDir?: string;
  /** `--demo`: seed the demo venue into an empty database. */
  readonly demo: boolean;
}

/**
 * The shell's own switches, picked out of an argv that also carries
 * Electron's and Chromium's (`--no-sandbox`, `--inspect=0`…), which are left
 * for them.
 */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  let userDataDir: string | undefined;
  let demo = false;
  for (const arg of argv) {
    if (arg.startsWith('--user-data-dir=') && arg.length > '--user-data-dir='.length) {
      userDataDir = arg.slice('--user-data-dir='.length);
    } else if (arg === '--demo') {
      demo = true;
    }
  }
  return { ...(userDataDir !== undefined && { userDataDir }), demo };
}
