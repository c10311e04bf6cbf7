/** Largest poster, uploaded or downloaded: 5 MiB, plenty for a 2:3 poster at lobby-TV size. */
export const MAX_POSTER_BYTES = 5 * 1024 * 1024;

export interface PosterType {
  /** `Content-Type` to serve it with. */
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  ext: 'png' | 'jpg' | 'webp';
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The image type by its first bytes, never by name or header: only PNG, JPEG
 * and WebP. SVG is a document that can carry script and external references,
 * and a sanitizer is one more thing to get wrong on a kiosk, so SVG is
 * refused whether uploaded or downloaded.
 */
export function sniffImage(body: Buffer): PosterType | undefined {
  if (body.length >= 8 && body.subarray(0, 8).equals(PNG)) return { mime: 'image/png', ext: 'png' };
  if (body.length >= 3 && body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff)
    return { mime: 'image/jpeg', ext: 'jpg' };
  if (
    body.length >= 12 &&
    body.toString('latin1', 0, 4) === 'RIFF' &&
    body.toString('latin1', 8, 12) === 'WEBP'
  )
    return { mime: 'image/webp', ext: 'webp' };
  return undefined;
}

/** Whether `body` looks like SVG, so a refusal can say so. */
export function looksLikeSvg(body: Buffer): boolean {
  const head = body.toString('utf8', 0, 512).trimStart().toLowerCase();
  return head.startsWith('<svg') || head.startsWith('<?xml') || head.includes('<svg');
}
