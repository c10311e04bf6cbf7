/** A plain text table: the first row is the header; numbers align right. */
export function table(rows: readonly (readonly (string | number)[])[]): string {
  const text = rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const columns = Math.max(...text.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...text.map((r) => (r[i] ?? '').length)));
  const lines = text.map((r, ri) =>
    r
      .map((c, i) =>
        typeof rows[ri]?.[i] === 'number' ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}

/** Three significant figures or so; NaN (not measured) as a dash. */
export function fmt(n: number): string {
  if (Number.isNaN(n)) return '—';
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
