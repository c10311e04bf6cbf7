import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { MediaType } from '../domain/media.ts';
import { HttpError } from '../api/http-error.ts';
import { discardRest } from '../api/http.ts';
import { looksLikeSvg } from '../posters/sniff.ts';
import { megabytes } from './media-limits.ts';
import { sniffMedia } from './sniff-media.ts';

/** Bytes enough to tell every accepted type (the WebM DocType sits within the first 64). */
const SNIFF_BYTES = 64;

/** An upload on disk under a temporary name, checked; the caller renames it into place or removes it. */
export interface StreamedUpload {
  readonly temp: string;
  readonly type: MediaType;
  readonly bytes: number;
  /** Hex SHA-256 of the bytes. */
  readonly hash: string;
}

export interface UploadLimits {
  /** The size cap of a file of `type`. */
  capOf(type: MediaType): number;
  /** The refusal (a 507) when `bytes` (so far) do not fit in the library, or `undefined`; asked as the bytes arrive. */
  room(bytes: number): HttpError | undefined;
}

/**
 * Streams a request body to a temporary file in `dir` (never whole in
 * memory): the type is read from its first bytes, and the size cap of that
 * type and the quota are checked as each chunk arrives. Past either, or on
 * a body that is no accepted type, the file is removed, the rest of the body
 * is thrown away and the error (413, 507, 415) is the answer; nothing is
 * left behind. A client that goes away mid-body leaves nothing either.
 */
export function streamUpload(
  req: IncomingMessage,
  dir: string,
  limits: UploadLimits,
): Promise<StreamedUpload> {
  const temp = join(dir, `.upload-${randomBytes(8).toString('hex')}.part`);
  return new Promise((resolve, reject) => {
    const out = createWriteStream(temp, { mode: 0o600, flags: 'wx' });
    const hash = createHash('sha256');
    let head: Buffer[] = [];
    let headBytes = 0;
    let type: MediaType | undefined;
    let cap = 0;
    let bytes = 0;
    let settled = false;

    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
    };
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      stop();
      if (!req.complete) discardRest(req);
      out.destroy();
      void rm(temp, { force: true }).then(
        () => reject(err),
        () => reject(err),
      );
    };
    const typeOf = (first: Buffer): MediaType => {
      const sniffed = sniffMedia(first);
      if (sniffed) return sniffed;
      if (looksLikeSvg(first))
        throw new HttpError(415, 'SVG is not accepted; export the slide as PNG, JPEG or WebP');
      throw new HttpError(415, 'the file must be a PNG, JPEG or WebP picture, or a WebM or MP4 clip');
    };
    const take = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > cap) {
        const declared = Number(req.headers['content-length']);
        const size =
          Number.isFinite(declared) && declared > cap ? megabytes(declared) : `over ${megabytes(cap)}`;
        throw new HttpError({
          status: 413,
          code: 'payload_too_large',
          message: `the ${type} file is ${size}; at most ${megabytes(cap)} is accepted`,
          params: { limit: cap },
        });
      }
      const full = limits.room(bytes);
      if (full) throw full;
      hash.update(chunk);
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    const begin = () => {
      const first = Buffer.concat(head, headBytes);
      type = typeOf(first);
      cap = limits.capOf(type);
      head = [];
      take(first);
    };
    const onData = (chunk: Buffer) => {
      try {
        if (type !== undefined) return take(chunk);
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= SNIFF_BYTES) begin();
      } catch (err) {
        fail(err as Error);
      }
    };
    const onEnd = () => {
      try {
        if (headBytes === 0)
          throw new HttpError({ status: 400, code: 'empty_body', message: 'the file is empty' });
        if (type === undefined) begin();
      } catch (err) {
        fail(err as Error);
        return;
      }
      stop();
      out.end(() => {
        if (settled) return;
        settled = true;
        resolve({ temp, type: type!, bytes, hash: hash.digest('hex') });
      });
    };
    // Closed before its end: the client went away, and nobody will read an answer.
    const onClose = () => {
      if (!req.complete)
        fail(new HttpError({ status: 400, code: 'body_cut_off', message: 'the request body was cut off' }));
    };
    out.on('error', (err: NodeJS.ErrnoException) =>
      fail(err.code === 'ENOSPC' ? new HttpError(507, 'the file was not saved: the disk is full') : err),
    );
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}
