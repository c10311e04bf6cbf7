import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseServeFlags } from '../../../main/cli/serve.ts';
import { UpstreamRelay } from '../../../main/relay/relay.ts';
import { Store } from '../../../main/store/store.ts';
import { CaFileError, readCaFile } from '../../../main/trusted-ca.ts';
import type { Status } from '../../../main/domain/status.ts';
import { memoryLogger } from '../../../main/log.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { SNAPSHOT, seats } from './support/relay-harness.ts';
import { TestUpstream, stream, until } from './support/test-upstream.ts';

// test/fixtures/tls: a private CA (its key deleted after signing) and a server
// certificate for localhost, 127.0.0.1 and ::1 that it signed, valid until 2126.
const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/tls', name);
const tls = {
  key: readFileSync(fixture('server.key'), 'utf8'),
  cert: readFileSync(fixture('server.pem'), 'utf8'),
};

describe('an https feed behind a private CA', () => {
  let upstream: TestUpstream;
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let relay: UpstreamRelay | undefined;
  const statuses: Status[] = [];

  beforeEach(async () => {
    upstream = await TestUpstream.start(tls);
    dir = tempDir();
    store = Store.open({ file: join(dir.path, 'marquee.db') });
    statuses.length = 0;
  });
  afterEach(async () => {
    await relay?.stop();
    store.close();
    await upstream.close();
    dir.remove();
  });

  const follow = (ca?: string[]) => {
    const log = memoryLogger();
    relay = new UpstreamRelay(
      { url: upstream.url, ...(ca && { ca }) },
      { store, log, onStatus: (s) => statuses.push(s), random: () => 0 },
    );
    relay.start();
    return log;
  };

  it('is followed when the CA file is configured', async () => {
    upstream.fallback = stream(SNAPSHOT + seats(42, 11));
    follow(readCaFile(fixture('ca.pem')));
    await until(() => store.records.showtimes.get('us1')?.seatsAvailable === 42, 'the feed over TLS');
    expect(statuses.at(-1)?.upstream).toBe('live');
  });

  it('is refused without it, and the log says why', async () => {
    upstream.fallback = stream(SNAPSHOT);
    const log = follow();
    await until(() => log.lines.some((l) => l.includes('certificate')), 'a certificate error');
    expect(upstream.requests).toHaveLength(0);
    expect(store.records.showtimes.count()).toBe(0);
    expect(statuses.map((s) => s.upstream)).not.toContain('live');
  });
});

describe('readCaFile', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());
  const file = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads every certificate of a bundle', () => {
    const ca = readFileSync(fixture('ca.pem'), 'utf8');
    expect(readCaFile(file('bundle.pem', `${ca}\n${ca}`))).toHaveLength(2);
  });

  it.each([
    ['a missing file', () => join(dir.path, 'nope.pem'), /cannot read the CA file .*nope\.pem: ENOENT/],
    ['a file without PEM', () => file('key.txt', 'hello'), /holds no PEM certificate/],
    [
      'a damaged certificate',
      () => file('bad.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
      /certificate 1 in the CA file .* is not valid/,
    ],
    ['a server certificate', () => fixture('server.pem'), /\(CN=localhost\) is not a CA certificate/],
  ])('refuses %s, saying what is wrong', (_what, path, message) => {
    expect(() => readCaFile(path())).toThrow(CaFileError);
    expect(() => readCaFile(path())).toThrow(message);
  });

  it('is the serve flag --upstream-ca, whose problems are usage errors', () => {
    expect(parseServeFlags(['--data', dir.path, '--upstream-ca', fixture('ca.pem')]).ca).toHaveLength(1);
    expect(() => parseServeFlags(['--data', dir.path, '--upstream-ca', join(dir.path, 'x.pem')])).toThrow(
      /--upstream-ca: cannot read the CA file/,
    );
  });
});
