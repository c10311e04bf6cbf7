import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePng } from '../../main/png.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { signIn } from '../support/http.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type HubProcess, spawnHub } from './support/hub-process.ts';

const MIB = 1024 * 1024;

/** A PNG of noise about `bytes` long (noise does not compress). */
function noisePng(bytes: number): Buffer {
  const side = Math.ceil(Math.sqrt(bytes / 4));
  return encodePng(side, side, new Uint8Array(randomBytes(side * side * 4)));
}

/** `marquee serve` built, as an operator runs it: the media limits from the config file reach the library. */
describe('marquee serve --config: media limits', () => {
  let hub: HubProcess | undefined;
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(async () => {
    await hub?.stop();
    dir?.remove();
  });

  it('caps uploads and reports the quota as configured', async () => {
    dir = tempDir();
    const config = join(dir.path, 'marquee.yaml');
    writeFileSync(config, 'data: data\nport: 0\nmedia-max-image-mib: 1\nmedia-quota-mib: 3\n');
    hub = await spawnHub(['--config', config], { MARQUEE_ADMIN_PASSWORD: TEST_PASSWORD });
    const auth = await signIn(hub.url, TEST_PASSWORD);

    const big = noisePng(1.5 * MIB);
    const refused = await fetch(`${hub.url}/api/admin/media/upload?name=Big`, {
      method: 'POST',
      headers: auth,
      body: new Uint8Array(big),
    });
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ code: 'payload_too_large', params: { limit: MIB } });

    const small = noisePng(0.5 * MIB);
    const ok = await fetch(`${hub.url}/api/admin/media/upload?name=Small`, {
      method: 'POST',
      headers: auth,
      body: new Uint8Array(small),
    });
    expect(ok.status).toBe(201);
    const library = (await (await fetch(`${hub.url}/api/admin/media`, { headers: auth })).json()) as {
      quotaBytes: number;
    };
    expect(library.quotaBytes).toBe(3 * MIB);
  }, 60_000);
});
