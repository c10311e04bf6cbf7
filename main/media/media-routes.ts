import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { MediaLinkBody, MediaUpdateBody } from '../domain/lobby-requests.ts';
import { Media } from '../domain/media.ts';
import { mediaIdsOf } from '../domain/playlists.ts';
import { Id } from '../domain/primitives.ts';
import type { AppContext } from '../api/context.ts';
import { HttpError } from '../api/http-error.ts';
import { SECURITY_HEADERS, discardRest, sendJson } from '../api/http.ts';
import { handle, type Router } from '../api/router.ts';
import { admin, newId, parse, queryOf } from '../api/routes/admin-kit.ts';
import { recordRoutes } from '../api/routes/admin-records.ts';
import type { MediaFile } from './media-files.ts';
import type { MediaLibrary } from './media-library.ts';
import { capOf, megabytes } from './media-limits.ts';
import { type StreamedUpload, streamUpload } from './upload-stream.ts';

const UploadQuery = z.strictObject({ id: Id.optional(), name: Media.shape.name });

/**
 * The media routes: `POST /api/admin/media/upload?name=` (the file as the
 * body, its type read from its bytes), `GET /api/admin/media` (the library
 * with usage and the quota), the record routes (`POST /api/admin/media` names
 * a file by URL, `PUT` renames, `DELETE` refuses a file a playlist shows),
 * and `GET /media/:id` for screens, with `ETag`, `Last-Modified` and ranges.
 */
export function mediaRoutes(router: Router, ctx: AppContext, library: MediaLibrary): void {
  router.on(
    'POST',
    '/api/admin/media/upload',
    handle(ctx, async (req, res) => {
      const { actor } = admin(ctx, req, 'venue');
      const query = parse(UploadQuery, queryOf(req));
      const id = query.id ?? newId('media');
      const largest = Math.max(library.limits.maxImageBytes, library.limits.maxVideoBytes);
      const declared = Number(req.headers['content-length'] ?? 0);
      // Refused before a byte is read: each needs only the headers.
      const refusal = ctx.store.records.media.get(id)
        ? new HttpError({
            status: 409,
            code: 'already_exists',
            message: `media ${id} already exists`,
            params: { id },
          })
        : declared > largest
          ? new HttpError({
              status: 413,
              code: 'payload_too_large',
              message: `the file is ${megabytes(declared)}; at most ${megabytes(largest)} is accepted`,
              params: { limit: largest },
            })
          : await library
              .diskProblem(declared || largest)
              .then((low) => low && new HttpError(507, `the file was not saved: ${low}`));
      if (refusal) {
        discardRest(req);
        throw refusal;
      }
      const hold = library.hold();
      let upload: StreamedUpload;
      try {
        upload = await streamUpload(req, library.files.dir, {
          capOf: (type) => capOf(library.limits, type),
          room: (bytes) => {
            const full = library.quotaProblem(bytes, hold.bytes);
            if (!full) return void hold.set(bytes);
            return new HttpError({
              status: 507,
              code: 'insufficient_storage',
              message: full,
              params: { limit: library.limits.quotaBytes, used: library.files.usedBytes, size: bytes },
            });
          },
        });
        await library.files.adopt(id, upload.temp);
      } finally {
        hold.release();
      }
      const record: Media = {
        id,
        type: upload.type,
        bytes: upload.bytes,
        hash: upload.hash,
        source: 'local',
        ...(query.name && { name: query.name }),
      };
      try {
        const [event] = ctx.store.apply([{ type: 'media.upsert', data: record }], {
          checkVersions: true,
          audit: {
            actor,
            action: 'media.create',
            summary: `Uploaded ${upload.type} ${query.name ?? id} (${id}), ${upload.bytes} bytes`,
          },
        });
        sendJson(res, 201, { record: ctx.store.records.media.get(id), seq: event?.seq ?? ctx.store.seq });
      } catch (err) {
        await library.files.remove(id);
        throw err;
      }
    }),
  );

  router.on(
    'GET',
    '/api/admin/media',
    handle(ctx, (req, res) => {
      admin(ctx, req);
      const playlists = ctx.store.records.playlists.all();
      const items = ctx.store.records.media.all().map((record) => {
        const fetch = library.fetchOf(record);
        return {
          record,
          stored: library.files.get(record.id)?.bytes ?? null,
          ...(fetch && { fetch }),
          usedBy: playlists
            .filter((p) => mediaIdsOf(p).includes(record.id))
            .map((p) => ({ id: p.id, name: p.name })),
        };
      });
      sendJson(res, 200, {
        media: items,
        usedBytes: library.files.usedBytes,
        quotaBytes: library.limits.quotaBytes,
      });
    }),
  );

  recordRoutes(router, ctx, {
    kind: 'media',
    path: 'media',
    idPrefix: 'media',
    table: (s) => s.records.media,
    createBody: MediaLinkBody,
    updateBody: MediaUpdateBody,
    record: Media,
    // The bytes never change under an id: an edit renames, keeping type, size and source.
    toRecord: (body, id, _store, current) => {
      if (!current) return { ...body, id };
      const { name: _name, ...kept } = current;
      return { ...kept, ...body, id };
    },
    describe: (m) => `${m.name ? `"${m.name}" ` : ''}(${m.id})`,
    capability: 'venue',
    patchable: ['name'],
  });

  for (const method of ['GET', 'HEAD'] as const) {
    router.on(
      method,
      '/media/:id',
      handle(ctx, (req, res, params) => {
        const id = params['id'] ?? '';
        const record = ctx.store.records.media.get(id);
        const file = record && library.files.get(id);
        if (!record) throw new HttpError(404, 'no such media');
        if (!file)
          throw new HttpError(404, 'this media file is not on the hub yet; it is fetched in the background');
        sendMedia(req, res, file, record.type);
      }),
    );
  }
}

const RANGE = /^bytes=(\d*)-(\d*)$/;

/** Answers with the file, `304` when the client holds it, or one byte range (video players seek with them). */
function sendMedia(req: IncomingMessage, res: ServerResponse, file: MediaFile, type: string): void {
  const modified = new Date(Math.floor(file.modifiedAt / 1000) * 1000).toUTCString();
  const headers = {
    ...SECURITY_HEADERS,
    ETag: file.etag,
    'Last-Modified': modified,
    // Screens revalidate, which costs a 304; a file never changes under its id.
    'Cache-Control': 'public, no-cache',
    'Accept-Ranges': 'bytes',
    'Content-Security-Policy': "default-src 'none'",
  };
  const since = req.headers['if-modified-since'];
  const fresh =
    req.headers['if-none-match'] !== undefined
      ? req.headers['if-none-match'] === file.etag
      : since !== undefined && Date.parse(since) >= Date.parse(modified);
  if (fresh) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const range = RANGE.exec(req.headers.range ?? '');
  let start = 0;
  let end = file.bytes - 1;
  let status = 200;
  if (range && (range[1] !== '' || range[2] !== '')) {
    if (range[1] === '') {
      start = Math.max(0, file.bytes - Number(range[2]));
    } else {
      start = Number(range[1]);
      if (range[2] !== '') end = Math.min(end, Number(range[2]));
    }
    if (start > end || start >= file.bytes) {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${file.bytes}` });
      res.end();
      return;
    }
    status = 206;
  }
  res.writeHead(status, {
    ...headers,
    'Content-Type': type,
    'Content-Length': end - start + 1,
    ...(status === 206 && { 'Content-Range': `bytes ${start}-${end}/${file.bytes}` }),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
