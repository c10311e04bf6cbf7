import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { packageRoot } from '../../../main/paths.ts';

export interface HubProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly stderr: () => string;
  readonly stdout: () => string;
  /** SIGTERM and wait for exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * `marquee serve` as a separate process from the built CLI (`npm run build`),
 * exactly as an operator runs it. Resolves once it prints its URL. `cli`: the
 * `bin/marquee.js` to run. Default this checkout's.
 */
export async function spawnHub(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 20_000,
  cli = join(packageRoot(), 'bin', 'marquee.js'),
): Promise<HubProcess> {
  const child = spawn(process.execPath, [cli, 'serve', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`hub did not start in ${timeoutMs} ms:\n${err}`)),
      timeoutMs,
    );
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /http:\/\/[^\s]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before listening:\n${err}`));
    });
  });
  return {
    url,
    child,
    stderr: () => err,
    stdout: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}
