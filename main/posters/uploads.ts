import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import { type FreeBytes, lowDiskReason } from './disk-space.ts';
import type { PosterType } from './sniff.ts';

/** The files this part writes into `DATA/posters/`; anything else there (the demo's drawings) is left alone. */
const UPLOAD = /^up-[A-Za-z0-9._-]+\.(?:png|jpg|webp)$/;
const UPLOAD_TMP = /^\.up-[A-Za-z0-9._-]+\.tmp$/;

export interface UploadsOptions {
  /** `DATA/posters`; created if missing. */
  dir: string;
  /** Whether a record names the file `/posters/<name>` now. */
  isKept: (name: string) => boolean;
  /** A poster is not saved if the disk would have less free than this. */
  minFreeBytes: number;
  freeBytes: FreeBytes;
  log: Logger;
}

/**
 * Uploaded posters, `DATA/posters/up-<film>-<hash>.<ext>`. A file lives as
 * long as a record names it: the poster part deletes the others after each
 * commit that changes films, and at start-up (which repairs a crash between
 * a commit and its delete). A file being written is never deleted, though no
 * record names it until its commit.
 */
export class Uploads {
  readonly dir: string;
  readonly #options: UploadsOptions;
  /** name → uploads of it in flight (two staff may send the same image). */
  readonly #writing = new Map<string, number>();

  constructor(options: UploadsOptions) {
    this.dir = options.dir;
    this.#options = options;
    mkdirSync(this.dir, { recursive: true });
    for (const name of readdirSync(this.dir)) {
      if (UPLOAD_TMP.test(name)) unlinkSync(join(this.dir, name));
    }
  }

  /** Why `size` more bytes must not be written now, or `undefined`. */
  diskProblem(size: number): Promise<string | undefined> {
    return lowDiskReason(this.#options.freeBytes, this.dir, size, this.#options.minFreeBytes);
  }

  /**
   * Writes `body` as a poster of `filmId` and returns its file name. The file
   * is protected until `release(name)`, which deletes it unless a record names
   * it by then (the commit failed).
   */
  async write(filmId: string, body: Buffer, type: PosterType): Promise<string> {
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const name = `up-${filmId.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64)}-${hash}.${type.ext}`;
    this.#writing.set(name, (this.#writing.get(name) ?? 0) + 1);
    const tmp = join(this.dir, `.${name}.${process.pid}.${this.#writing.get(name)}.tmp`);
    try {
      await writeFile(tmp, body);
      await rename(tmp, join(this.dir, name));
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      await this.release(name);
      throw err;
    }
    return name;
  }

  async release(name: string): Promise<void> {
    const left = (this.#writing.get(name) ?? 1) - 1;
    if (left > 0) this.#writing.set(name, left);
    else this.#writing.delete(name);
    if (left <= 0 && !this.#options.isKept(name)) await this.#remove(name);
  }

  /** Deletes every upload no record names and none is writing. Returns how many went. */
  async prune(): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    // Decided file by file at the moment of deleting, against the records as they are then.
    const gone = names.filter((n) => UPLOAD.test(n) && !this.#writing.has(n) && !this.#options.isKept(n));
    await Promise.all(gone.map((n) => this.#remove(n)));
    return gone.length;
  }

  async #remove(name: string): Promise<void> {
    try {
      await unlink(join(this.dir, name));
      this.#options.log.info('poster deleted', { name, reason: 'no record names it' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.#options.log.warn('poster could not be deleted', { name, error: String(err) });
      }
    }
  }
}
