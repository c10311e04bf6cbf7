/** Structured log lines on stderr; stdout stays for the one line scripts wait for (the URL). */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const LOG_LEVELS = ['info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const noop = () => {};

/**
 * A logger writing one JSON line per call. Lines below `level` are dropped
 * before they are formatted. Default level `info` (everything).
 */
export function createLogger(
  write: (line: string) => void = (l) => process.stderr.write(l + '\n'),
  level: LogLevel = 'info',
): Logger {
  const min = LOG_LEVELS.indexOf(level);
  const at = (lvl: LogLevel) =>
    LOG_LEVELS.indexOf(lvl) < min
      ? noop
      : (message: string, fields?: Record<string, unknown>) =>
          write(JSON.stringify({ t: new Date().toISOString(), level: lvl, message, ...fields }));
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

/** A logger that keeps lines in memory, for tests and for the quiet `--json` CLI mode. */
export function memoryLogger(level: LogLevel = 'info'): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, ...createLogger((l) => lines.push(l), level) };
}
