import type { MediaType } from '../domain/media.ts';
import { sniffImage } from '../posters/sniff.ts';

const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

/**
 * A media file's type by its bytes, never its name or header: the poster
 * images (PNG, JPEG, WebP; never SVG), WebM (an EBML header whose DocType is
 * `webm`) and MP4 (an ISO-BMFF `ftyp` box first).
 */
export function sniffMedia(body: Buffer): MediaType | undefined {
  const image = sniffImage(body);
  if (image) return image.mime;
  if (body.length >= 8 && body.subarray(0, 4).equals(EBML)) {
    // The DocType element (0x42 0x82) sits inside the first few dozen bytes of the header.
    const head = body.subarray(0, 64).toString('latin1');
    if (head.includes('\x42\x82\x84webm') || head.includes('\x42\x82\x88webm')) return 'video/webm';
    return undefined;
  }
  if (body.length >= 12 && body.toString('latin1', 4, 8) === 'ftyp') return 'video/mp4';
  return undefined;
}
