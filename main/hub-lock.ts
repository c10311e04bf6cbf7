import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file a running hub keeps in its data folder: its process id. */
export const hubLockFile = (dataDir: string) => join(dataDir, 'hub.pid');

/**
 * Marks `dataDir` as held by this process; returns the release (idempotent).
 * Best effort: a folder the hub cannot write (it then runs degraded, saying
 * so in health) is not a reason to stop serving the screens.
 */
export function holdDataDir(dataDir: string, onFailure: (error: string) => void): () => void {
  const file = hubLockFile(dataDir);
  try {
    writeFileSync(file, `${process.pid}\n`);
  } catch (err) {
    onFailure(String(err));
    return () => {};
  }
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch {
      /* gone already */
    }
  };
}

/**
 * The id of a live process that holds `dataDir`, or undefined. A file left
 * by a hub that was killed names a process that is gone, and holds nothing.
 */
export function dataDirHolder(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(hubLockFile(dataDir), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: alive, but another user's (a hub run by systemd's DynamicUser).
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
