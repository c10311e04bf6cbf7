/**
 * Text a lobby screen should never show, beyond the control characters the
 * record schemas already refuse: a lone surrogate cannot be stored as UTF-8
 * intact, and bidirectional embeddings, overrides and isolates can make a title
 * read differently from what it is ("Trojan Source"). Directional marks
 * (U+200E, U+200F) stay allowed: right-to-left titles need them.
 */
const BROKEN = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Why `s` is refused, or `undefined` when it is fine. */
export function textProblem(s: string): string | undefined {
  if (BROKEN.test(s)) return 'contains broken Unicode';
  if (BIDI_CONTROL.test(s)) return 'must not contain bidirectional control characters';
  return undefined;
}
