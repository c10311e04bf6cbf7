import { z } from 'zod';

/**
 * The name of a poster file the hub serves at `/posters/<name>`: one path
 * segment, not starting with a dot, with an image extension. Uploads are
 * `up-<film>-<hash>.<ext>`; the demo's drawings `<film>.svg`.
 */
export const POSTER_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\.(?:svg|png|jpe?g|webp)$/i;

// Whitespace of any kind (Unicode spaces, line separators) and C0/C1 controls:
// a URL that needs them is percent-encoded, and raw ones smuggle headers and log lines.
// eslint-disable-next-line no-control-regex
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;

/** Why `s` is not a poster address, or `undefined` when it is one. */
export function posterUrlProblem(s: string): string | undefined {
  if (SPACE_OR_CONTROL.test(s)) return 'must not contain spaces or control characters';
  if (s.startsWith('/')) {
    const name = s.slice('/posters/'.length);
    return s.startsWith('/posters/') && POSTER_FILE_NAME.test(name) ? undefined : USAGE;
  }
  // `http:///x` would parse as the host `x`: a host must follow the slashes.
  if (!/^https?:\/\/[^/\\]/i.test(s)) return USAGE;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return 'is not a valid URL';
  }
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  return undefined;
}

const USAGE = 'must be /posters/<file name> or an http(s) URL';

/**
 * A poster address: a file on this hub (`/posters/<name>`) or an http(s) URL
 * the hub fetches (with its address checks) and caches. The same rule holds
 * for the admin API and for upstream records.
 */
export const PosterUrl = z
  .string()
  .max(2048)
  .superRefine((s, ctx) => {
    const problem = posterUrlProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
