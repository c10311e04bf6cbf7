import type { DemoFilm } from './catalog.ts';

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

/** Splits a title into at most three lines of about `width` characters. */
function wrap(title: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of title.toUpperCase().split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && (last + ' ' + word).length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.slice(0, 3);
}

/** A 2:3 poster drawn locally: the demo never needs the network. */
export function posterSvg(film: DemoFilm): string {
  const [dark, mid, light] = film.palette;
  const lines = wrap(film.title, 10);
  const text = lines
    .map(
      (line, i) =>
        `<text x="200" y="${420 + i * 58 - (lines.length - 1) * 29}" class="t">${escapeXml(line)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 600" width="400" height="600">
<defs><linearGradient id="g" x1="0" y1="0" x2="0.3" y2="1"><stop offset="0" stop-color="${mid}"/><stop offset="1" stop-color="${dark}"/></linearGradient>
<radialGradient id="s" cx="0.5" cy="0.32" r="0.45"><stop offset="0" stop-color="${light}" stop-opacity="0.85"/><stop offset="1" stop-color="${light}" stop-opacity="0"/></radialGradient></defs>
<style>.t{font:800 52px 'Helvetica Neue',Arial,sans-serif;fill:${light};text-anchor:middle;letter-spacing:2px}.r{font:700 22px Arial,sans-serif;fill:${dark}}</style>
<rect width="400" height="600" fill="url(#g)"/><circle cx="200" cy="190" r="180" fill="url(#s)"/>
<path d="M0 600 L0 470 Q200 380 400 470 L400 600 Z" fill="${dark}" opacity="0.55"/>
${text}
<rect x="24" y="24" rx="6" width="${String(film.rating ?? '').length * 14 + 24}" height="36" fill="${light}"/><text x="36" y="50" class="r">${escapeXml(film.rating ?? '')}</text>
</svg>`;
}
