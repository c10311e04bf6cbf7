import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AdminState, AuthStateAnswer } from '../../../main/domain/admin-answers.ts';
import { ApiError, NoAnswer, api, request, whenSignedOut } from '../../../renderer/admin/api.ts';
import { TEST_PASSWORD, startTestHub } from '../../support/test-hub.ts';

/** The admin page's API helper against a real hub (in Node: absolute URLs, no cookie jar). */
describe("the admin's API helper", () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
  });
  afterAll(() => hub.stop());

  const refusal = async (p: Promise<unknown>): Promise<ApiError> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  };

  it('parses an answer with the schema the caller gives', async () => {
    const state = await api.get(`${hub.url}/api/admin/auth-state`, AuthStateAnswer);
    expect(state).toEqual({ passwordSet: true, setupAllowed: false });
    expect(await api.get(`${hub.url}/api/health`, NoAnswer)).toBe(true);
  });

  it("turns a refusal into an ApiError with the hub's code, params and field codes", async () => {
    const signedOut = vi.fn();
    whenSignedOut(signedOut);
    const err = await refusal(api.get(`${hub.url}/api/admin/state`, AdminState));
    expect([err.status, err.code, err.message]).toEqual([401, 'unauthorized', 'sign in first']);
    expect(signedOut).toHaveBeenCalledOnce();

    const wrong = await refusal(api.post(`${hub.url}/api/admin/login`, NoAnswer, { password: 'nope' }));
    expect([wrong.status, wrong.code]).toEqual([401, 'wrong_password']);
    // Sign-in's own 401 is not a lost session.
    expect(signedOut).toHaveBeenCalledOnce();

    const bad = await refusal(api.post(`${hub.url}/api/admin/login`, NoAnswer, { password: 5 }));
    expect(bad.code).toBe('validation_failed');
    expect(bad.fields['password']).toEqual(expect.any(String));
    expect(bad.fieldCodes['password']).toEqual({ code: 'wrong_type', params: { expected: 'string' } });
  });

  it('refuses an answer that is not what the caller expects', async () => {
    const err = await refusal(request('GET', `${hub.url}/api/health`, AuthStateAnswer));
    expect([err.status, err.code]).toEqual([200, 'unexpected_answer']);
  });

  it('says so when the hub does not answer at all', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const err = await refusal(api.get(`http://127.0.0.1:${port}/api/admin/state`, AdminState));
    expect([err.status, err.code]).toEqual([0, 'unreachable']);
  });
});
