import { VersionQuery } from '../domain/admin-requests.ts';
import { NotFoundError } from '../store/errors.ts';
import type { AppContext } from '../api/context.ts';
import { HttpError } from '../api/http-error.ts';
import { readBody, sendJson } from '../api/http.ts';
import { handle, type Router } from '../api/router.ts';
import { admin, parse, queryOf } from '../api/routes/admin-kit.ts';
import { MAX_POSTER_BYTES, looksLikeSvg, sniffImage } from './sniff.ts';
import type { Uploads } from './uploads.ts';

/**
 * `POST /api/admin/films/:id/poster?version=N` with the image as the body.
 * The type is read from the bytes, never the name or header. The poster the
 * film named before is deleted by the poster part once the commit is in.
 */
export function uploadRoute(router: Router, ctx: AppContext, uploads: Uploads): void {
  router.on(
    'POST',
    '/api/admin/films/:id/poster',
    handle(ctx, async (req, res, params) => {
      const { actor } = admin(ctx, req, 'schedule');
      const id = params['id'] ?? '';
      const { version } = parse(VersionQuery, queryOf(req));
      if (!ctx.store.records.films.get(id)) throw new NotFoundError(`film ${id} does not exist`, 'id');
      const declared = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const body = await readBody(req, MAX_POSTER_BYTES);
      if (body.length === 0)
        throw new HttpError({ status: 400, code: 'empty_body', message: 'the poster is empty' });
      const type = sniffImage(body);
      if (!type && looksLikeSvg(body)) {
        throw new HttpError(415, 'SVG posters are not accepted; export the poster as PNG, JPEG or WebP');
      }
      if (!type) throw new HttpError(415, 'the poster must be a PNG, JPEG or WebP image');
      if (declared.startsWith('image/') && declared !== type.mime) {
        throw new HttpError(415, `the file is ${type.mime}, not ${declared} as sent`);
      }
      const low = await uploads.diskProblem(body.length);
      if (low) throw new HttpError(507, `the poster was not saved: ${low}`);
      const name = await uploads.write(id, body, type).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        throw new HttpError(507, 'the poster was not saved: the disk is full');
      });
      try {
        // Re-read after the awaits: the version check and the write happen together in apply.
        const film = ctx.store.records.films.get(id);
        if (!film) throw new NotFoundError(`film ${id} does not exist`, 'id');
        const [event] = ctx.store.apply(
          [{ type: 'film.upsert', data: { ...film, version, posterUrl: `/posters/${name}` } }],
          {
            checkVersions: true,
            audit: {
              actor,
              action: 'film.poster',
              summary: `New poster for "${film.title}" (${id}), ${body.length} bytes`,
            },
          },
        );
        sendJson(res, 200, { record: ctx.store.records.films.get(id), seq: event?.seq ?? ctx.store.seq });
      } finally {
        await uploads.release(name);
      }
    }),
  );
}
