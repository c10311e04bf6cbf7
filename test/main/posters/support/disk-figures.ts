/**
 * The figures of issue 12 item 5, measured on a real hub (not a test):
 *
 *   node_modules/.bin/jiti test/main/posters/support/disk-figures.ts
 *
 * Re-points one film 40 times at distinct 5 MiB PNGs, a screen asking for
 * each, then runs 10 cycles of "upload a 5 MiB poster, PUT the film to
 * another posterUrl", and prints what is left on disk. For the figures before
 * the fix, copy this file and main/posters/address-policy.ts into a checkout
 * of 79cf747 (whose hub ignores the `posters` option) and run it there.
 */
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { startHub } from '../../../../main/hub.ts';
import { memoryLogger } from '../../../../main/log.ts';
import { isForbiddenAddress } from '../../../../main/posters/address-policy.ts';
import { call, signIn } from '../../../support/http.ts';

const PASSWORD = 'correct horse battery';
const PUBLIC = '127.0.0.2';

function png(n: number, bytes: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
    chunk('tEXt', Buffer.concat([Buffer.from(`poster ${n}`), Buffer.alloc(bytes)])),
    chunk('IDAT', deflateSync(Buffer.from([0, 200, 30, 30]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const images = Array.from({ length: 40 }, (_, i) => png(i, 5 * 1024 * 1024 - 1024));
const server = createServer((req, res) => {
  const image = images[Number(/^\/p(\d+)\.png$/.exec(req.url ?? '')?.[1] ?? -1)];
  if (!image) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': image.length }).end(image);
});
await new Promise<void>((r) => server.listen(0, PUBLIC, r));
const base = `http://${PUBLIC}:${(server.address() as AddressInfo).port}`;

const dir = mkdtempSync(join(tmpdir(), 'marquee-poster-figures-'));
const hub = await startHub({
  dataDir: dir,
  port: 0,
  demo: true,
  adminPassword: PASSWORD,
  log: memoryLogger(),
  posters: { isForbiddenAddress: (ip) => ip !== PUBLIC && isForbiddenAddress(ip) },
});
const usage = (sub: string, keep: (name: string) => boolean) => {
  const folder = join(dir, 'posters', sub);
  const files = readdirSync(folder).filter((n) => keep(n) && statSync(join(folder, n)).isFile());
  const bytes = files.reduce((sum, n) => sum + statSync(join(folder, n)).size, 0);
  return `${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB`;
};
// Deletes run after the commit; give them a moment.
const settle = () => new Promise((r) => setTimeout(r, 1_500));
const filmId = 'film-tidewater';
const film = () => hub.store.records.films.get(filmId)!;

for (let i = 0; i < 40; i++) {
  hub.store.apply([{ type: 'film.upsert', data: { ...film(), posterUrl: `${base}/p${i}.png` } }]);
  await (await fetch(`${hub.url}/posters/film/${filmId}`)).arrayBuffer();
}
await settle();
console.log(`a film re-pointed 40 times: cache ${usage('cache', (n) => !n.startsWith('.'))}`);

const auth = await signIn(hub.url, PASSWORD);
for (let i = 0; i < 10; i++) {
  const up = await fetch(`${hub.url}/api/admin/films/${filmId}/poster?version=${film().version}`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'image/png' },
    body: new Uint8Array(images[i]!),
  });
  if (up.status !== 200) throw new Error(`upload answered ${up.status}: ${await up.text()}`);
  const { id: _id, source: _source, ...fields } = film();
  const put = await call(`${hub.url}/api/admin/films/${filmId}`, {
    method: 'PUT',
    headers: auth,
    body: { ...fields, posterUrl: '/posters/film-tidewater.svg' },
  });
  if (put.status !== 200) throw new Error(`PUT answered ${put.status}: ${JSON.stringify(put.body)}`);
}
await settle();
console.log(`10 cycles of upload + PUT elsewhere: uploads ${usage('', (n) => n.startsWith('up-'))}`);
await hub.close();
server.close();
rmSync(dir, { recursive: true, force: true });
