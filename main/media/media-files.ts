import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Id } from '../domain/primitives.ts';

/** What the folder holds of one file, for validators and the quota. */
export interface MediaFile {
  readonly path: string;
  readonly bytes: number;
  readonly modifiedAt: number;
  readonly etag: string;
}

/**
 * `DATA/media`: one file per media record, named by its id (ids are
 * URL-safe and never contain a separator, so a name cannot leave the
 * folder). Written to a temporary name and renamed, so a screen never reads
 * half a file. Keeps the total in memory for the quota.
 */
export class MediaFiles {
  readonly dir: string;
  readonly #files = new Map<string, MediaFile>();

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      // What a write cut off by a crash or power cut left: never a file a record names.
      if (name.startsWith('.') && name.endsWith('.part')) {
        rmSync(join(dir, name), { force: true });
        continue;
      }
      if (!Id.safeParse(name).success) continue;
      const s = statSync(join(dir, name));
      if (s.isFile()) this.#files.set(name, describe(join(dir, name), s.size, s.mtimeMs));
    }
  }

  get(id: string): MediaFile | undefined {
    return this.#files.get(id);
  }

  ids(): string[] {
    return [...this.#files.keys()];
  }

  /** Bytes of every stored file. */
  get usedBytes(): number {
    let sum = 0;
    for (const f of this.#files.values()) sum += f.bytes;
    return sum;
  }

  /** Stores `body` as media `id`; returns its SHA-256. */
  async write(id: string, body: Buffer): Promise<string> {
    if (!Id.safeParse(id).success) throw new Error(`not a media id: ${id}`);
    const path = join(this.dir, id);
    const temp = join(this.dir, `.${id}.${process.pid}.part`);
    await writeFile(temp, body, { mode: 0o600 });
    await rename(temp, path);
    const s = await stat(path);
    this.#files.set(id, describe(path, s.size, s.mtimeMs));
    return createHash('sha256').update(body).digest('hex');
  }

  /** Renames `temp` (a file in this folder, written whole) into place as media `id`. */
  async adopt(id: string, temp: string): Promise<void> {
    if (!Id.safeParse(id).success) throw new Error(`not a media id: ${id}`);
    const path = join(this.dir, id);
    await rename(temp, path);
    const s = await stat(path);
    this.#files.set(id, describe(path, s.size, s.mtimeMs));
  }

  async remove(id: string): Promise<void> {
    const file = this.#files.get(id);
    if (!file) return;
    this.#files.delete(id);
    await rm(file.path, { force: true });
  }
}

function describe(path: string, bytes: number, modifiedAt: number): MediaFile {
  // Size and time are enough: a media id's bytes never change in place (a new file is a new write).
  return { path, bytes, modifiedAt, etag: `"${bytes.toString(36)}-${Math.floor(modifiedAt).toString(36)}"` };
}
