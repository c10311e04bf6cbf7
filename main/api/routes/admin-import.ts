import { z } from 'zod';
import { ImportBody, ImportOptions } from '../../domain/admin-requests.ts';
import type { Change } from '../../domain/events.ts';
import { parseScheduleCsv } from '../csv/schedule-csv.ts';
import type { AppContext } from '../context.ts';
import { HttpError, invalid } from '../http-error.ts';
import { DEFAULT_BODY_LIMIT, readBody, readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin, batchProblem, fromBatch, newId, parse, queryOf } from './admin-kit.ts';

/** Store fields in the file's own column names. */
const CSV_COLUMN_OF: Readonly<Record<string, string>> = {
  startsAt: 'time',
  auditoriumId: 'auditorium',
  filmId: 'film',
  seatsAvailable: 'seats',
};

const Flag = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true');
const CsvQuery = z.strictObject({ dryRun: Flag.optional(), force: Flag.optional() });

/** The request as `{ csv, dryRun, force }`, from JSON or from a raw `text/csv` body with query flags. */
async function readImport(req: Parameters<Parameters<typeof handle>[1]>[0]) {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('text/csv')) {
    const q = parse(CsvQuery, queryOf(req));
    const raw = await readBody(req, DEFAULT_BODY_LIMIT);
    let csv: string;
    try {
      csv = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      throw new HttpError({
        status: 400,
        code: 'not_utf8',
        message: 'the file is not UTF-8 text; save it as "CSV UTF-8"',
      });
    }
    return { csv, ...parse(ImportOptions, { dryRun: q.dryRun, force: q.force }) };
  }
  // Not `parse`: odd text inside the file is reported per row, with its line, by the CSV reader.
  const json = await readJson(req);
  const body = ImportBody.safeParse(json);
  if (!body.success) throw invalid(body.error, { input: json });
  return body.data;
}

/**
 * `POST /api/admin/import/showtimes`: a week's schedule as CSV. Every row is
 * checked on its own, then all rows together against the schedule (overlaps,
 * also between rows of the file); any problem and nothing is applied. The
 * rows go in as one transaction.
 */
export function adminImportRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'POST',
    '/api/admin/import/showtimes',
    handle(ctx, async (req, res) => {
      const { actor } = admin(ctx, req, 'schedule');
      const { csv, dryRun, force } = await readImport(req);
      const { store } = ctx;
      const parsed = parseScheduleCsv(
        csv,
        store.venue(),
        store.records.auditoriums.all(),
        store.records.films.all(),
        () => newId('st'),
      );
      if (!parsed.ok) throw batchProblem(parsed.error, parsed.rows);
      const changes = parsed.rows.map((r): Change => ({ type: 'showtime.upsert', data: r.showtime }));
      let events;
      try {
        events = store.apply(changes, {
          checkVersions: true,
          schedule: { allowPast: force },
          reportAll: true,
          dryRun,
          audit: { actor, action: 'import.csv', summary: `Imported ${changes.length} showtime(s) from CSV` },
        });
      } catch (err) {
        throw (
          fromBatch(
            err,
            (i) => ({ line: parsed.rows[i]!.line }),
            'some rows clash with the schedule or each other; nothing was imported',
            (f) => CSV_COLUMN_OF[f] ?? f,
          ) ?? err
        );
      }
      sendJson(res, dryRun ? 200 : 201, {
        dryRun,
        imported: dryRun ? 0 : changes.length,
        valid: changes.length,
        records: parsed.rows.map((r) => ({ line: r.line, ...r.showtime })),
        seq: dryRun ? store.seq : (events.at(-1)?.seq ?? store.seq),
      });
    }),
  );
}
