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

/** Where `findTextProblem` found text to refuse: a dotted path (`titles.fr`), why, and its field code. */
export interface TextProblemAt {
  path: string;
  problem: string;
  code: 'unsafe_text' | 'too_deep';
}

/**
 * The first string in `value`, a key or a value at any depth, that
 * `textProblem` refuses. Iterative, so depth cannot overflow the stack; past
 * `maxDepth` levels the value itself is refused. The admin API checks request
 * bodies with it and the relay upstream records, so neither path lets onto a
 * screen what the other refuses.
 * @param root the path reported for `value` itself. Default `(record)`.
 * @param maxDepth levels walked. Default 16.
 */
export function findTextProblem(value: unknown, root = '(record)', maxDepth = 16): TextProblemAt | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const where = item.path.join('.') || root;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) return { path: where, problem, code: 'unsafe_text' };
    } else if (item.value && typeof item.value === 'object') {
      if (item.path.length >= maxDepth)
        return { path: where, problem: 'is nested too deeply', code: 'too_deep' };
      for (const [k, v] of Object.entries(item.value)) {
        const problem = textProblem(k);
        if (problem) return { path: where, problem: `has a key that ${problem}`, code: 'unsafe_text' };
        stack.push({ value: v, path: [...item.path, k] });
      }
    }
  }
  return undefined;
}
