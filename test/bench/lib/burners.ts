import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { benchScript } from './paths.ts';

export interface Burners {
  readonly pids: number[];
  /** Ends them (they also end by themselves after their time, or with the bench). */
  stop(): Promise<void>;
}

/**
 * `count` processes that each keep one core busy for at most `ms`: the
 * machine as busy as a kiosk PC running something else, or a hub sharing its
 * box. Each one's stdin is a pipe from the bench, so it dies with it.
 */
export function startBurners(count: number, ms: number): Burners {
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    children.push(
      spawn(process.execPath, [benchScript('load/cpu-burner.js'), String(Math.ceil(ms))], {
        stdio: ['pipe', 'ignore', 'inherit'],
      }),
    );
  }
  return {
    pids: children.map((c) => c.pid ?? 0),
    async stop() {
      await Promise.all(
        children.map(async (child) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          await exited;
        }),
      );
    },
  };
}
