/**
 * Marquee's icon, drawn from shapes so it needs no image file and no network:
 * a lit cinema marquee (a gold frame studded with bulbs) around an "M", on a
 * deep plum tile. scripts/make-icons.js writes build/icon.png from it; the
 * tray draws it at its own size.
 */

type Rgb = readonly [number, number, number];

const PLUM_TOP: Rgb = [0x2c, 0x20, 0x4d];
const PLUM_BOTTOM: Rgb = [0x16, 0x11, 0x29];
const GOLD: Rgb = [0xf5, 0xb8, 0x3d];
const BULB: Rgb = [0xff, 0xf1, 0xc2];

const mix = (from: Rgb, to: Rgb, t: number): Rgb => [
  from[0] + (to[0] - from[0]) * t,
  from[1] + (to[1] - from[1]) * t,
  from[2] + (to[2] - from[2]) * t,
];

/** Signed distance to a rounded rectangle centred at (0.5, 0.5). */
function roundedRect(x: number, y: number, half: number, radius: number): number {
  const qx = Math.abs(x - 0.5) - half + radius;
  const qy = Math.abs(y - 0.5) - half + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

const M_STROKE: readonly (readonly [number, number])[] = [
  [0.335, 0.655],
  [0.335, 0.355],
  [0.5, 0.53],
  [0.665, 0.355],
  [0.665, 0.655],
];

/** Bulb centres, evenly spaced along the frame's centre line. */
function bulbs(): [number, number][] {
  const lo = 0.205;
  const hi = 0.795;
  const perSide = 7;
  const out: [number, number][] = [];
  for (let i = 0; i < perSide; i++) {
    const t = lo + ((hi - lo) * i) / perSide;
    const u = lo + ((hi - lo) * (i + 1)) / perSide;
    out.push([t, lo], [hi, t], [u, hi], [lo, u]);
  }
  return out;
}
const BULBS = bulbs();

/** RGBA pixels of the icon at `size` × `size`. */
export function renderIcon(size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const aa = 1 / size; // one pixel, in icon units
  const cover = (d: number) => Math.max(0, Math.min(1, 0.5 - d / aa));
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) / size;
      const y = (j + 0.5) / size;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      const over = (c: Rgb, alpha: number) => {
        if (alpha <= 0) return;
        r = c[0] * alpha + r * (1 - alpha);
        g = c[1] * alpha + g * (1 - alpha);
        b = c[2] * alpha + b * (1 - alpha);
        a = alpha + a * (1 - alpha);
      };
      const tile = cover(roundedRect(x, y, 0.46, 0.1));
      over(mix(PLUM_TOP, PLUM_BOTTOM, y), tile);
      over(GOLD, cover(Math.abs(roundedRect(x, y, 0.295, 0.04)) - 0.03));
      let bulb = Infinity;
      for (const [bx, by] of BULBS) bulb = Math.min(bulb, Math.hypot(x - bx, y - by) - 0.02);
      over(BULB, cover(bulb));
      let m = Infinity;
      for (let k = 1; k < M_STROKE.length; k++) {
        const [ax, ay] = M_STROKE[k - 1]!;
        const [bx, by] = M_STROKE[k]!;
        m = Math.min(m, segment(x, y, ax, ay, bx, by) - 0.04);
      }
      over(BULB, cover(m));
      const o = (j * size + i) * 4;
      // Colours were blended premultiplied; store them straight.
      px[o] = a > 0 ? Math.round(r / a) : 0;
      px[o + 1] = a > 0 ? Math.round(g / a) : 0;
      px[o + 2] = a > 0 ? Math.round(b / a) : 0;
      px[o + 3] = Math.round(a * 255);
    }
  }
  return px;
}
