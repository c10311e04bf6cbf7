import { createHash } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VersionQuery } from '../../domain/admin-requests.ts';
import { NotFoundError } from '../../store/errors.ts';
import type { AppContext } from '../context.ts';
import { HttpError } from '../http-error.ts';
import { readBody, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin, parse, queryOf } from './admin-kit.ts';

/** Largest poster accepted: 5 MiB, plenty for a 2:3 poster at lobby-TV size. */
export const MAX_POSTER_BYTES = 5 * 1024 * 1024;

const MAGIC: readonly { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  {
    type: 'image/png',
    ext: 'png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/webp',
    ext: 'webp',
    test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
];

/**
 * The image type by its first bytes, never by name or header. SVG is refused:
 * it is a document that can carry script and external references, and a
 * sanitizer is one more thing to get wrong on a kiosk.
 */
export function sniffPoster(body: Buffer): { type: string; ext: string } {
  const found = MAGIC.find((m) => m.test(body));
  if (found) return found;
  const head = body.toString('utf8', 0, 512).trimStart().toLowerCase();
  if (head.startsWith('<svg') || head.startsWith('<?xml') || head.includes('<svg')) {
    throw new HttpError(415, 'SVG posters are not accepted; export the poster as PNG, JPEG or WebP');
  }
  throw new HttpError(415, 'the poster must be a PNG, JPEG or WebP image');
}

const UPLOADED = /^\/posters\/(up-[A-Za-z0-9._-]+\.(?:png|jpg|webp))$/;

/** `POST /api/admin/films/:id/poster?version=N` with the image as the body. */
export function adminPosterRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'POST',
    '/api/admin/films/:id/poster',
    handle(ctx, async (req, res, params) => {
      const { actor } = admin(ctx, req);
      const id = params['id'] ?? '';
      const { version } = parse(VersionQuery, queryOf(req));
      if (!ctx.store.records.films.get(id)) throw new NotFoundError(`film ${id} does not exist`, 'id');
      const declared = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const body = await readBody(req, MAX_POSTER_BYTES);
      if (body.length === 0)
        throw new HttpError({ status: 400, code: 'empty_body', message: 'the poster is empty' });
      const { type, ext } = sniffPoster(body);
      if (declared.startsWith('image/') && declared !== type) {
        throw new HttpError(415, `the file is ${type}, not ${declared} as sent`);
      }
      const dir = ctx.postersDir;
      await mkdir(dir, { recursive: true });
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
      const name = `up-${id.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64)}-${hash}.${ext}`;
      const tmp = join(dir, `.${name}.tmp`);
      await writeFile(tmp, body);
      await rename(tmp, join(dir, name));

      // Re-read after the awaits: the version check and the write happen together in apply.
      const film = ctx.store.records.films.get(id);
      if (!film) throw new NotFoundError(`film ${id} does not exist`, 'id');
      const previous = film.posterUrl;
      let seq: number;
      try {
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
        seq = event?.seq ?? ctx.store.seq;
      } catch (err) {
        if (previous !== `/posters/${name}`) await unlink(join(dir, name)).catch(() => undefined);
        throw err;
      }
      const old = previous && UPLOADED.exec(previous)?.[1];
      const stillUsed = old && ctx.store.records.films.all().some((f) => f.posterUrl === previous);
      if (old && !stillUsed && old !== name) await unlink(join(dir, old)).catch(() => undefined);
      sendJson(res, 200, { record: ctx.store.records.films.get(id), seq });
    }),
  );
}
