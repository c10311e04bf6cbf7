import { statfs } from 'node:fs/promises';

/** Free bytes on the disk holding `dir`, for an unprivileged writer. */
export type FreeBytes = (dir: string) => Promise<number>;

export const diskFreeBytes: FreeBytes = async (dir) => {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
};

const mib = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MiB`;

/**
 * Why `size` more bytes must not be written into `dir`, or `undefined` when
 * they may: posters leave `minFree` bytes for the database, whose writes
 * (sign-ins, seat sales) matter more than a picture. A disk whose free space
 * cannot be read is written to, as it was before this check.
 */
export async function lowDiskReason(
  freeBytes: FreeBytes,
  dir: string,
  size: number,
  minFree: number,
): Promise<string | undefined> {
  let free: number;
  try {
    free = await freeBytes(dir);
  } catch {
    return undefined;
  }
  if (free - size >= minFree) return undefined;
  return `only ${mib(free)} free on the disk, and posters leave ${mib(minFree)} for the database`;
}
