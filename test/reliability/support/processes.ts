import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HubOptions } from '../../../main/hub.ts';
import { packageRoot } from '../../../main/paths.ts';

/** A child process that printed the URL it listens on. Runs from the build (`npm run build`). */
export interface Child {
  readonly url: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it wrote to stderr (its JSON log lines). */
  stderr(): string;
  /** Sends `signal` (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

async function started(args: string[], what: string, timeoutMs = 30_000): Promise<Child> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start in ${timeoutMs} ms:\n${err}`)),
      timeoutMs,
    );
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /http:\/\/[\d.:[\]]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before listening:\n${err}`));
    });
  });
  return {
    url,
    child,
    pid: child.pid!,
    stderr: () => err,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}

/** `marquee feed-sim` as an operator runs it; `url` is its origin, the feed is `url + '/events'`. */
export function spawnFeedSim(flags: { seed: number; rate: number; port?: number }): Promise<Child> {
  const args = [
    '--port',
    String(flags.port ?? 0),
    '--seed',
    String(flags.seed),
    '--rate',
    String(flags.rate),
  ];
  return started([join(packageRoot(), 'bin', 'marquee.js'), 'feed-sim', ...args], 'feed-sim');
}

/** JSON-safe hub options: what `marquee serve` would build from its flags, plus the retention it has no flag for. */
export type HubChildOptions = Omit<HubOptions, 'log' | 'auth'>;

/**
 * The built hub (`dist/main/hub.js`, the code `marquee serve` runs) in a
 * child process, started with options the CLI has no flags for (a soak
 * needs retention in minutes to reach its steady state within the hour).
 */
export function spawnHubWith(options: HubChildOptions): Promise<Child> {
  const hub = join(packageRoot(), 'dist', 'main', 'hub.js');
  const script = `
    const { startHub } = await import(process.argv[1]);
    const hub = await startHub(JSON.parse(process.argv[2]));
    process.stdout.write('listening on ' + hub.url + '\\n');
    for (const s of ['SIGINT', 'SIGTERM']) process.once(s, () => hub.close().then(() => process.exit(0)));
    // Test-only: a full collection on demand, so a memory check tells a leak from garbage not yet collected.
    process.on('SIGUSR2', () => globalThis.gc?.());
  `;
  return started(['--expose-gc', '--input-type=module', '-e', script, hub, JSON.stringify(options)], 'hub');
}

/**
 * RSS of a hub started by `spawnHubWith` right after a full garbage collection
 * (it collects on SIGUSR2): what the hub still holds, not what V8 has yet to free.
 */
export async function rssAfterGc(pid: number): Promise<number> {
  process.kill(pid, 'SIGUSR2');
  // The signal is handled on the hub's next turn; a full collection of a small heap takes milliseconds.
  await new Promise((r) => setTimeout(r, 300));
  return rssOf(pid);
}

/** Resident set size of a process, in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) * 1024;
}

/** Open file descriptors of a process (sockets included), Linux /proc. */
export function fdCount(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}
