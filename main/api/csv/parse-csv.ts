import { parse } from 'csv-parse/sync';

/** One data row of a CSV file: its 1-based starting line and its fields by (lower-cased) header. */
export interface CsvRow {
  readonly line: number;
  readonly fields: readonly string[];
}

export type CsvResult =
  { ok: true; header: string[]; rows: CsvRow[] } | { ok: false; line: number | undefined; message: string };

/** Largest import: a week for a 40-screen venue is about 2,500 rows. */
export const MAX_CSV_ROWS = 10_000;

/**
 * RFC 4180 CSV via csv-parse (quoted fields, embedded commas and newlines,
 * BOM, CRLF). Rows keep the line they start on so every problem can be
 * reported where a person will look for it.
 */
export function parseCsv(text: string): CsvResult {
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      trim: true,
      // Rows of the wrong width are reported per row, with the others, instead of aborting.
      relax_column_count: true,
      max_record_size: 64 * 1024,
      // csv-parse's types do not follow `info`/`raw` into the result shape.
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    return { ok: false, line: e.lines, message: e.message ?? 'the file is not valid CSV' };
  }
  const rows = records.map((r) => {
    const body = r.raw.replace(/^(?:\r?\n)+/, '').replace(/\r?\n$/, '');
    return { line: r.info.lines - (body.match(/\n/g)?.length ?? 0), fields: r.record };
  });
  const [head, ...data] = rows;
  if (!head) return { ok: false, line: 1, message: 'the file is empty' };
  if (data.length > MAX_CSV_ROWS) {
    return { ok: false, line: undefined, message: `at most ${MAX_CSV_ROWS} rows per import` };
  }
  return { ok: true, header: head.fields.map((h) => h.trim().toLowerCase()), rows: data };
}
