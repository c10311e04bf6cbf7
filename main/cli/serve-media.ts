import type { z } from 'zod';
import type { MediaLimits } from '../media/media-limits.ts';
import { intFlag } from './flags.ts';

const MIB = 1024 * 1024;

/**
 * The media library's limits as `serve` flags (and config keys: the same
 * declarations), in whole MiB. Defaults are `DEFAULT_MEDIA_LIMITS`: 10 MiB a
 * picture, 100 MiB a clip, 1024 MiB in all.
 */
export const MEDIA_FLAGS = {
  'media-max-image-mib': intFlag(1, 1024).optional(),
  'media-max-video-mib': intFlag(1, 16 * 1024).optional(),
  'media-quota-mib': intFlag(1, 1024 * 1024).optional(),
};

/** `parseArgs` options of the media flags. */
export const MEDIA_OPTIONS = {
  'media-max-image-mib': { type: 'string' },
  'media-max-video-mib': { type: 'string' },
  'media-quota-mib': { type: 'string' },
} as const;

export const MEDIA_USAGE = `  --media-max-image-mib N       largest promo picture, uploaded or fetched, in MiB (default 10)
  --media-max-video-mib N       largest promo clip, in MiB (default 100)
  --media-quota-mib N           most MiB of all lobby media together in DATA/media (default 1024)`;

type MediaFlags = z.output<z.ZodObject<typeof MEDIA_FLAGS>>;

/**
 * The limits the flags set (the others stay defaults). A cap above the quota
 * could never be used: its message says so, for a usage error.
 */
export function mediaLimitsOf(flags: MediaFlags): { limits: Partial<MediaLimits>; problem?: string } {
  const image = flags['media-max-image-mib'];
  const video = flags['media-max-video-mib'];
  const quota = flags['media-quota-mib'];
  const limits: Partial<MediaLimits> = {
    ...(image !== undefined && { maxImageBytes: image * MIB }),
    ...(video !== undefined && { maxVideoBytes: video * MIB }),
    ...(quota !== undefined && { quotaBytes: quota * MIB }),
  };
  if (quota !== undefined) {
    const over = [['--media-max-image-mib', image] as const, ['--media-max-video-mib', video] as const].find(
      ([, cap]) => cap !== undefined && cap > quota,
    );
    if (over)
      return { limits, problem: `${over[0]} (${over[1]}) must not exceed --media-quota-mib (${quota})` };
  }
  return { limits };
}
