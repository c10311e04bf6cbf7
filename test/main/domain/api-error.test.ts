import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, ErrorBody, FIELD_CODES, codeForStatus } from '../../../main/domain/api-error.ts';

const doc = readFileSync(new URL('../../../docs/admin-api.md', import.meta.url), 'utf8');
/** The codes in the first column of the doc's tables. */
const documented = new Set([...doc.matchAll(/^\| `([a-z0-9_]+)` +\|/gm)].map((m) => m[1]));

describe('the error codes', () => {
  it('are each documented in docs/admin-api.md', () => {
    const missing = [...Object.keys(ERROR_STATUS), ...FIELD_CODES].filter((c) => !documented.has(c));
    expect(missing).toEqual([]);
  });

  it("match the doc's example body", () => {
    const example = /## Errors[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(ErrorBody.safeParse(JSON.parse(example ?? 'null')).success).toBe(true);
  });

  it('default by status to a code of that status', () => {
    for (const status of [400, 401, 403, 404, 409, 413, 415, 421, 429, 500, 503]) {
      expect(ERROR_STATUS[codeForStatus(status)], String(status)).toBe(status);
    }
    expect(codeForStatus(502)).toBe('internal');
  });
});
