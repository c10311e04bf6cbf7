import type { MediaType } from '../domain/media.ts';
import { isVideo } from '../domain/media.ts';

/** The media library's size limits. */
export interface MediaLimits {
  /** Largest picture. Default 10 MiB (a 4K PNG slide fits). */
  maxImageBytes: number;
  /** Largest clip. Default 100 MiB (a 30 s 1080p promo at 20 Mbit/s is about 75 MB). */
  maxVideoBytes: number;
  /** Most bytes of all media together in `DATA/media`. Default 1 GiB. */
  quotaBytes: number;
}

export const DEFAULT_MEDIA_LIMITS: Readonly<MediaLimits> = Object.freeze({
  maxImageBytes: 10 * 1024 * 1024,
  maxVideoBytes: 100 * 1024 * 1024,
  quotaBytes: 1024 * 1024 * 1024,
});

export const capOf = (limits: MediaLimits, type: MediaType): number =>
  isVideo(type) ? limits.maxVideoBytes : limits.maxImageBytes;

const MB = 1024 * 1024;
export const megabytes = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

/** Why a file of `bytes` does not fit next to `usedBytes`, or `undefined` when it does. */
export function quotaProblem(limits: MediaLimits, usedBytes: number, bytes: number): string | undefined {
  if (usedBytes + bytes <= limits.quotaBytes) return undefined;
  return (
    `the media library is full: this ${megabytes(bytes)} file would take it past its ` +
    `${megabytes(limits.quotaBytes)} quota (${megabytes(usedBytes)} used); delete media no playlist uses first`
  );
}
