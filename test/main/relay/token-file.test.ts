import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tuningOf } from '../../../main/cli/serve-tuning.ts';
import { memoryLogger } from '../../../main/log.ts';
import { SNAPSHOT, relayHarness } from './support/relay-harness.ts';
import { status, stream, until } from './support/test-upstream.ts';

const flags = (file: string) => ({
  upstream: 'http://feed.invalid/',
  'upstream-token-file': file,
  'metrics-open-on-loopback': false,
});

describe('--upstream-token-file', () => {
  const h = relayHarness();

  it('sends the token the file holds at each connection: a renewed token ends an outage without a restart', async () => {
    h.fakeTime();
    const file = join(h.dir.path, 'upstream-token');
    writeFileSync(file, 'jwt-one\n');
    const log = memoryLogger();
    const { token } = tuningOf(flags(file), log).upstream;
    // The upstream refuses the first token (expired), then takes the renewed one.
    h.upstream.answers.push(stream(SNAPSHOT), status(401), stream(SNAPSHOT));
    h.start({ ...(token && { token }) });
    await until(() => h.relay!.state === 'live', 'live');
    expect(h.upstream.requests[0]!.headers.authorization).toBe('Bearer jwt-one');

    h.upstream.cut();
    await h.nextAttempt();
    await until(() => h.relay!.state === 'offline', 'the refused token');
    expect(h.upstream.requests[1]!.headers.authorization).toBe('Bearer jwt-one');
    writeFileSync(file, 'jwt-two\n');
    await h.nextAttempt();
    await h.upstream.requestCount(3);
    expect(h.upstream.requests[2]!.headers.authorization).toBe('Bearer jwt-two');
    await until(() => h.relay!.state === 'live', 'live again');
  });

  it('keeps the last good token while the file is half written or gone, and says so once', () => {
    const file = join(h.dir.path, 'upstream-token');
    writeFileSync(file, 'jwt-one');
    const log = memoryLogger();
    const token = tuningOf(flags(file), log).upstream.token!;
    writeFileSync(file, 'half written\n');
    expect(token()).toBe('jwt-one');
    expect(token()).toBe('jwt-one');
    expect(log.lines.filter((l) => l.includes('secret file unusable'))).toHaveLength(1);
    writeFileSync(file, 'jwt-three');
    expect(token()).toBe('jwt-three');
  });

  it('refuses to start with a missing or unusable file, in one line', () => {
    const missing = join(h.dir.path, 'nothing-here');
    expect(() => tuningOf(flags(missing), memoryLogger())).toThrow(`cannot read ${missing} (ENOENT)`);
    const bad = join(h.dir.path, 'bad-token');
    writeFileSync(bad, 'two words');
    expect(() => tuningOf(flags(bad), memoryLogger())).toThrow(
      `${bad}: the token must be visible ASCII without spaces`,
    );
  });
});
