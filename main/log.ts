/** Structured log lines on stderr; stdout stays for the one line scripts wait for (the URL). */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

type Level = 'info' | 'warn' | 'error';

export function createLogger(write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const at = (level: Level) => (message: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ t: new Date().toISOString(), level, message, ...fields }));
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

/** A logger that keeps lines in memory, for tests and for the quiet `--json` CLI mode. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, ...createLogger((l) => lines.push(l)) };
}
