import { DatabaseFromFutureError, DatabaseOpenError } from '../store/errors.ts';

/** What the hub was starting on, for the message. */
export interface StartupContext {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
}

/**
 * One line for a start-up failure an operator can fix (a port in use, an
 * address not of this machine, a folder it may not write, a database it cannot
 * use), or undefined for anything else, which is a bug and keeps its stack.
 */
export function startupFailure(err: unknown, ctx: StartupContext): string | undefined {
  if (err instanceof DatabaseFromFutureError || err instanceof DatabaseOpenError) return err.message;
  const e = err as NodeJS.ErrnoException & { syscall?: string };
  const where = `${ctx.host.includes(':') ? `[${ctx.host}]` : ctx.host}:${ctx.port}`;
  const listening = e.syscall === 'listen' || e.syscall === 'bind';
  switch (e.code) {
    case 'EADDRINUSE':
      return `${where} is already in use by another program (another Marquee?); choose another --port`;
    case 'EADDRNOTAVAIL':
      return `${ctx.host} is not an address of this machine; choose another --host`;
    case 'EACCES':
    case 'EPERM':
      return listening
        ? `not allowed to listen on ${where} (ports below 1024 need privileges); choose another --port`
        : `cannot write the data folder ${ctx.dataDir} (${e.code}); choose another --data or fix its permissions`;
    case 'EROFS':
      return `the data folder ${ctx.dataDir} is on a read-only file system; choose another --data`;
    case 'ENOSPC':
      return `the disk holding ${ctx.dataDir} is full`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `the data folder ${ctx.dataDir} is not a folder`;
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return `the database in ${ctx.dataDir} is damaged (${e.message}); restore a backup, or start with an empty --data folder`;
    case 'SQLITE_CANTOPEN':
      return `cannot open the database in ${ctx.dataDir} (${e.message})`;
    case 'SQLITE_READONLY':
      return `the database in ${ctx.dataDir} is read-only; fix its permissions`;
    default:
      return undefined;
  }
}
