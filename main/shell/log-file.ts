import { closeSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type Logger, createLogger } from '../log.ts';

export interface FileLogger extends Logger {
  readonly file: string;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * The installed kiosk has no terminal, so log lines also go to
 * `<dir>/marquee.log`. Once it passes `maxBytes` (at start-up or while
 * running) it becomes `marquee.1.log`, replacing the one before, so the
 * kiosk's disk holds at most about twice `maxBytes` of logs. Default 5 MiB.
 * Lines are written synchronously: a kiosk logs a few lines a minute, and a
 * line written is on disk when the process dies.
 */
export function fileLogger(dir: string, maxBytes = 5 * 1024 * 1024): FileLogger {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'marquee.log');
  const old = join(dir, 'marquee.1.log');
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    // No log yet.
  }
  let fd: number | undefined;
  const open = () => {
    try {
      fd = openSync(file, 'a', 0o600);
    } catch {
      fd = undefined;
    }
  };
  const rotate = () => {
    if (fd !== undefined) closeSync(fd);
    try {
      renameSync(file, old);
    } catch {
      /* nothing to keep */
    }
    size = 0;
    open();
  };
  if (size > maxBytes) rotate();
  else open();
  const logger = createLogger((line) => {
    if (process.stderr.writable) process.stderr.write(line + '\n');
    if (fd === undefined) return;
    const bytes = Buffer.from(line + '\n');
    if (size > 0 && size + bytes.length > maxBytes) rotate();
    try {
      if (fd !== undefined) writeSync(fd, bytes);
      size += bytes.length;
    } catch {
      // A full disk must not take the kiosk down with it; the stderr copy remains.
    }
  });
  return {
    ...logger,
    file,
    close: () => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      return Promise.resolve();
    },
  };
}
