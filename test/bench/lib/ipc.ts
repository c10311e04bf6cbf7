import type { ChildProcess } from 'node:child_process';

/** A command to a child process; the child answers `{ id, result }` or `{ id, error }`. */
export type Call = <T>(message: Record<string, unknown>) => Promise<T>;

/** Request and reply over a child's IPC channel. */
export function ipcCaller(child: ChildProcess): Call {
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (raw) => {
    const m = raw as { id?: number; result?: unknown; error?: string };
    if (m.id === undefined) return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(m.error));
    else p?.resolve(m.result);
  });
  child.once('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`child exited with ${code}`));
    pending.clear();
  });
  return <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...message, id });
    });
}

/** The child's side: answers each message with what `handle` returns. */
export function serveIpc(handle: (message: { cmd?: string } & Record<string, unknown>) => unknown): void {
  process.on('message', (raw) => {
    const { id, ...message } = raw as { id: number } & Record<string, unknown>;
    Promise.resolve()
      .then(() => handle(message))
      .then(
        (result) => process.send?.({ id, result }),
        (err: unknown) =>
          process.send?.({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
  // The bench went away: so do we.
  process.on('disconnect', () => process.exit(0));
}
