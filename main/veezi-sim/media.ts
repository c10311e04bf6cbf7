import { encodePng } from '../png.ts';
import { SIM_FILMS, type SimFilm } from './films.ts';

/*
 * Film artwork as Veezi's CDN serves it: addressed by a media id with no
 * file extension, so a client must tell the type from the bytes. Drawn in
 * code (a gradient sky, a sun, a horizon in the film's colours) so every
 * image is real PNG and nothing is fetched.
 */

export type MediaKind = 'poster' | 'thumbnail' | 'backdrop';

const SIZE: Record<MediaKind, [number, number]> = {
  poster: [240, 360],
  // Veezi's box-office thumbnail size.
  thumbnail: [125, 182],
  backdrop: [480, 270],
};
const SUFFIX: Record<MediaKind, number> = { poster: 8, thumbnail: 6, backdrop: 9 };

/** The media id of a film's image: ten digits, as Veezi's are. */
export function mediaId(film: SimFilm, kind: MediaKind): string {
  const index = SIM_FILMS.indexOf(film);
  return String(1000 + index * 10 + SUFFIX[kind]).padStart(10, '0');
}

const byId = new Map(
  SIM_FILMS.flatMap((film) =>
    (Object.keys(SIZE) as MediaKind[]).map((kind) => [mediaId(film, kind), { film, kind }] as const),
  ),
);

/** Which film and image a media id names, if any. */
export const mediaOf = (id: string) => byId.get(id);

const mix = (a: number, b: number, f: number) => Math.round(a + (b - a) * f);

function draw(film: SimFilm, width: number, height: number): Buffer {
  const [dark, mid, light] = film.palette;
  const rgba = new Uint8Array(width * height * 4);
  const sunX = width * 0.5;
  const sunY = height * 0.38;
  const sunR = Math.min(width, height) * 0.22;
  for (let y = 0; y < height; y++) {
    const horizon = height * (0.7 + 0.05 * Math.sin((y / height) * 7));
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const f = y / height;
      let c: readonly number[] = [mix(mid[0], dark[0], f), mix(mid[1], dark[1], f), mix(mid[2], dark[2], f)];
      const d = Math.hypot(x - sunX, y - sunY) / sunR;
      if (d < 1) c = light;
      else if (d < 1.6) c = c.map((v, k) => mix(light[k]!, v, (d - 1) / 0.6));
      if (y > horizon + 8 * Math.sin(x / 17)) c = dark.map((v) => Math.round(v * 0.6));
      rgba[i] = c[0]!;
      rgba[i + 1] = c[1]!;
      rgba[i + 2] = c[2]!;
      rgba[i + 3] = 255;
    }
  }
  return encodePng(width, height, rgba);
}

const cache = new Map<string, Buffer>();

/** The PNG bytes of media `id`, drawn once; undefined for an id the site never handed out. */
export function mediaBytes(id: string): Buffer | undefined {
  const media = byId.get(id);
  if (!media) return undefined;
  let bytes = cache.get(id);
  if (!bytes) {
    const [width, height] = SIZE[media.kind];
    bytes = draw(media.film, width, height);
    cache.set(id, bytes);
  }
  return bytes;
}
