import { type WriteStream, createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Logger, createLogger } from '../log.ts';

export interface FileLogger extends Logger {
  readonly file: string;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * The installed kiosk has no terminal, so log lines also go to
 * `<dir>/marquee.log`. A file past `maxBytes` at start-up becomes
 * `marquee.1.log` (replacing the one before), keeping two runs' worth at most.
 */
export function fileLogger(dir: string, maxBytes = 5 * 1024 * 1024): FileLogger {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'marquee.log');
  try {
    if (statSync(file).size > maxBytes) renameSync(file, join(dir, 'marquee.1.log'));
  } catch {
    // No log yet.
  }
  const stream: WriteStream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  // A full disk must not take the kiosk down with it; the stderr copy remains.
  stream.on('error', () => {});
  const logger = createLogger((line) => {
    if (process.stderr.writable) process.stderr.write(line + '\n');
    if (!stream.destroyed) stream.write(line + '\n');
  });
  return {
    ...logger,
    file,
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}
