import { readFileSync } from 'node:fs';
import type { Logger } from './log.ts';

/** A secret file that cannot be used; its message names the file and says why. */
export class SecretFileError extends Error {
  override name = 'SecretFileError';
}

/**
 * A secret kept in a file (systemd `LoadCredential=`, a container secret, a
 * token another program renews) and read again on every use, so a rotated
 * token is used from the next connection or request on, without a restart.
 * One trailing line break is dropped. A file that turns unreadable or
 * invalid later keeps the last good value in use (logged once per problem):
 * a half-written file must not lock the screens out or drop the feed.
 */
export class SecretFile {
  #last: string;
  #problem: string | undefined;

  /**
   * Reads the file once now; a missing, unreadable or invalid file throws a
   * `SecretFileError` (a start-up failure the operator can fix).
   * @param problemOf says what is wrong with a value, or undefined when it is fine.
   */
  constructor(
    readonly path: string,
    private readonly problemOf: (value: string) => string | undefined,
    private readonly log?: Logger,
  ) {
    this.#last = this.#read();
  }

  /** The file's current value, or the last good one if it cannot be used now. */
  value(): string {
    try {
      this.#last = this.#read();
      if (this.#problem !== undefined) this.log?.info('secret file readable again', { file: this.path });
      this.#problem = undefined;
    } catch (err) {
      const problem = (err as Error).message;
      if (problem !== this.#problem)
        this.log?.warn('secret file unusable; keeping the last value', { problem });
      this.#problem = problem;
    }
    return this.#last;
  }

  #read(): string {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      throw new SecretFileError(`cannot read ${this.path} (${(err as NodeJS.ErrnoException).code})`);
    }
    const value = text.replace(/\r?\n$/, '');
    const problem = this.problemOf(value);
    if (problem) throw new SecretFileError(`${this.path}: the token ${problem}`);
    return value;
  }
}
