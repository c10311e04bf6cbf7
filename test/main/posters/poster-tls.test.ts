import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaFile } from '../../../main/trusted-ca.ts';
import { startTestHub } from '../../support/test-hub.ts';
import {
  PUBLIC_TEST_ADDRESS,
  image,
  imageHost,
  png,
  testPosterOptions,
  useCleanups,
} from './support/poster-hosts.ts';

const cleanup = useCleanups();

// test/fixtures/tls: a private CA and a server certificate for localhost, 127.0.0.1 and ::1 it signed.
const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/tls', name);
const tls = {
  key: readFileSync(fixture('server.key'), 'utf8'),
  cert: readFileSync(fixture('server.pem'), 'utf8'),
};

describe('posters over https behind a private CA', () => {
  // The certificate names localhost; the test resolver sends that name to the "public" test address.
  const posterHost = () => imageHost({ '/p.png': image(png(6)) }, PUBLIC_TEST_ADDRESS, tls);
  const options = testPosterOptions({ localhost: [PUBLIC_TEST_ADDRESS] });

  it('is fetched when the hub trusts the CA, with the name checked against the certificate', async () => {
    const host = await posterHost();
    const hub = await startTestHub({ demo: true, ca: readCaFile(fixture('ca.pem')), posters: options });
    cleanup(() => hub.stop());
    const film = hub.store.records.films.get('film-tidewater')!;
    hub.store.apply([
      { type: 'film.upsert', data: { ...film, posterUrl: `https://localhost:${host.port}/p.png` } },
    ]);
    const res = await fetch(`${hub.url}/posters/film/${film.id}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(png(6))).toBe(true);
    expect(host.hosts).toEqual([`localhost:${host.port}`]);
  });

  it('is refused without it, and the log says why', async () => {
    const host = await posterHost();
    const hub = await startTestHub({ demo: true, posters: options });
    cleanup(() => hub.stop());
    const film = hub.store.records.films.get('film-tidewater')!;
    hub.store.apply([
      { type: 'film.upsert', data: { ...film, posterUrl: `https://localhost:${host.port}/p.png` } },
    ]);
    expect((await fetch(`${hub.url}/posters/film/${film.id}`)).status).toBe(404);
    expect(hub.logLines.join('\n')).toMatch(/poster download failed.*certificate/);
    expect(host.hits).toEqual({});
  });
});
