import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../main/domain/audit.ts';
import { LimitReachedError, NotFoundError } from '../../../main/store/errors.ts';
import { MAX_API_TOKENS } from '../../../main/store/api-tokens.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';

const actor: Actor = { kind: 'session', id: 's-test', name: 'staff' };
const audit = (action: string) => ({ actor, action, summary: action });
const DAY = 24 * 60 * 60_000;

describe('Store: API tokens', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let now = Date.parse('2030-01-01T00:00:00Z');
  beforeEach(() => {
    dir = tempDir();
    store = Store.open({ file: join(dir.path, 'marquee.db'), now: () => now });
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  it('keeps a revoked token listed for 30 days, then deletes it', () => {
    store.apiTokens.create({ id: 'tok_old', name: 'old till', hash: 'h-old' }, now, audit('token.create'));
    store.apiTokens.create(
      { id: 'tok_live', name: 'box office', hash: 'h-live' },
      now,
      audit('token.create'),
    );
    store.apiTokens.revoke('tok_old', now, audit('token.revoke'));
    const revokedAt = now;
    now = revokedAt + 30 * DAY - 1;
    store.tidy();
    expect(store.apiTokens.list().map((t) => t.id)).toEqual(['tok_live', 'tok_old']);
    now = revokedAt + 30 * DAY;
    store.tidy();
    expect(store.apiTokens.list().map((t) => t.id)).toEqual(['tok_live']);
    expect(store.apiTokens.use('h-live', now)).toEqual({ id: 'tok_live', name: 'box office' });
  });

  it('audits creation and revocation, refuses a second revocation and more than the cap', () => {
    store.apiTokens.create({ id: 'tok_a', name: 'a', hash: 'h-a' }, now, audit('token.create'));
    store.apiTokens.revoke('tok_a', now, audit('token.revoke'));
    expect(() => store.apiTokens.revoke('tok_a', now, audit('token.revoke'))).toThrow(NotFoundError);
    expect(store.audit.page(10).map((e) => [e.action, e.targets])).toEqual([
      ['token.revoke', [{ type: 'token', id: 'tok_a', change: 'removed' }]],
      ['token.create', [{ type: 'token', id: 'tok_a', change: 'created' }]],
    ]);
    for (let i = 0; i < MAX_API_TOKENS; i++) {
      store.apiTokens.create({ id: `tok_${i}`, name: `t${i}`, hash: `h${i}` }, now, audit('token.create'));
    }
    expect(() =>
      store.apiTokens.create({ id: 'tok_x', name: 'x', hash: 'hx' }, now, audit('token.create')),
    ).toThrow(LimitReachedError);
  });
});
