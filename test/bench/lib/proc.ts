import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { now } from './clock.ts';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Resident set size of a process, in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}

/** CPU time (user + system) a process has used, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** When spawn was called (shared clock). */
  readonly startedAt: number;
  /** When the URL line was read. */
  readonly listeningAt: number;
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then wait for exit (SIGKILL after 15 s). */
  stop(): Promise<number | null>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  /** Default 60 s. */
  timeoutMs?: number;
  /** Open an IPC channel (advanced serialization). Default false. */
  ipc?: boolean;
}

/** Runs `node args…` and resolves once it prints a line with its `http://` URL. */
export async function spawnServer(args: string[], options: SpawnOptions = {}): Promise<ServerProcess> {
  const startedAt = now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    ...(options.ipc && { serialization: 'advanced' as const }),
  });
  let out = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (out += d));
  const { url, listeningAt } = await new Promise<{ url: string; listeningAt: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${args.join(' ')} did not listen in time:\n${out}`)),
      options.timeoutMs ?? 60_000,
    );
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      out += d;
      const m = /http:\/\/[\d.]+:\d+\S*/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], listeningAt: now() });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid ?? 0,
    startedAt,
    listeningAt,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const [code] = (await once(child, 'exit')) as [number | null];
      clearTimeout(timer);
      return code;
    },
  };
}
