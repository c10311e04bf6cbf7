import { createLogger } from '../log.ts';
import { CommandError } from './flags.ts';
import { startupFailure } from './startup-failure.ts';

/** The error a simulator's failed start becomes: one line for what an operator can fix, else itself. */
export function simStartFailure(
  err: unknown,
  flags: { host: string; port: number; data?: string | undefined },
) {
  const line = startupFailure(err, { host: flags.host, port: flags.port, dataDir: flags.data ?? '(memory)' });
  return line === undefined ? err : new CommandError(line);
}

/**
 * Closes a simulator on SIGINT or SIGTERM and exits. Installed before the
 * listening line, so a supervisor may stop it the moment it reads that line
 * (see serve.ts).
 */
export function stopOnSignal(
  name: string,
  close: () => Promise<void>,
  details: () => object = () => ({}),
): void {
  const log = createLogger();
  const stop = (signal: string) => {
    log.info(`${name} shutting down`, { signal, ...details() });
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
