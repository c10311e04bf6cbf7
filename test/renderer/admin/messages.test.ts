import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, FIELD_CODES } from '../../../main/domain/api-error.ts';
import { ApiError } from '../../../renderer/admin/api.ts';
import { fieldSentences, refusalSentence } from '../../../renderer/admin/form.svelte.ts';
import { en } from '../../../renderer/admin/messages/en.ts';
import { adminHub, inMinutes, seedBasics, type TestHub } from '../../main/api/admin-support.ts';

/** Words staff understand (issue 15): sentences built from the hub's codes and params, never its raw text. */
describe('the admin message catalogue', () => {
  let hub: TestHub;
  let api: Awaited<ReturnType<typeof adminHub>>['api'];
  beforeAll(async () => {
    ({ hub, api } = await adminHub());
    await seedBasics(api);
  }, 30_000);
  afterAll(() => hub.stop());

  const refused = async (method: string, path: string, body: unknown) => {
    const res = await api(method, path, body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    const err = new ApiError(res.status, ErrorBody.parse(res.body));
    const fields = fieldSentences(err);
    return { fields, sentence: refusalSentence(err, fields) };
  };

  it('has a sentence for every field code but the catch-all', () => {
    for (const code of FIELD_CODES.filter((c) => c !== 'invalid')) {
      expect(
        en.problem('startsAt', { code, params: { field: 'endsAt', minimum: 1, maximum: 9 } }),
        code,
      ).toMatch(/^[A-Z“].*\.$/);
    }
  });

  it('says "The end time must be after the start time" for an announcement that ends first', async () => {
    const { fields, sentence } = await refused('POST', '/api/admin/announcements', {
      text: 'Closed',
      priority: 0,
      startsAt: inMinutes(120),
      endsAt: inMinutes(60),
    });
    expect(fields['endsAt']).toBe('The end time must be after the start time.');
    expect(sentence).toBe('The end time must be after the start time.');
  });

  it('says "Seats cannot be below zero", and no schema text reaches staff', async () => {
    const show = await api<{ record: { id: string } }>('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: inMinutes(90),
      tags: [],
    });
    const seats = await refused('PATCH', `/api/admin/showtimes/${show.body.record.id}/availability`, {
      seatsAvailable: -1,
    });
    expect(seats.fields['seatsAvailable']).toBe('Seats cannot be below zero.');
    const film = await refused('POST', '/api/admin/films', { title: '', runtimeMinutes: 2.5, tags: [] });
    for (const sentence of Object.values(film.fields)) {
      expect(sentence).not.toMatch(/expected|Too small|Too big|Invalid/);
      expect(sentence).toMatch(/^[A-Z].*\.$/);
    }
    expect(film.fields['runtimeMinutes']).toBe('The runtime must be a whole number.');
  });

  it('words a role refusal for the person, not the code', () => {
    const err = new ApiError(403, {
      error: 'x',
      code: 'role_forbidden',
      params: { role: 'box_office', capability: 'venue' },
    });
    expect(refusalSentence(err, {})).toBe('Box office cannot do this. Ask a manager.');
  });
  it('names a playlist page and its own fields: "The until hour of page 2 must differ from the from hour of page 2"', async () => {
    const { fields } = await refused('POST', '/api/admin/playlists', {
      name: 'Lobby',
      role: 'board',
      pages: [
        { kind: 'board', seconds: 1 },
        { kind: 'departures', seconds: 10, from: '09:00', until: '09:00' },
      ],
    });
    expect(fields).toEqual({
      'pages.0.seconds': 'The seconds of page 1 must be at least 3.',
      'pages.1.until': 'The until hour of page 2 must differ from the from hour of page 2.',
    });
  });
});
