/** The texts staff filled in, blank ones left out; undefined when none is (so the field is absent). */
export function filledTexts(texts: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const filled = Object.entries(texts).filter(([, t]) => t.trim() !== '');
  return filled.length > 0 ? Object.fromEntries(filled) : undefined;
}

/** A short name for a record known only by its text: the first words, quoted. */
export function quoted(text: string, max = 40): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return `“${line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line}”`;
}
