/**
 * Server-Sent Events framing (WHATWG HTML §9.2). Values are sanitized so
 * that no CR or LF inside an id, event name or data line can end a frame early.
 */

/** Response headers of every event stream. Frozen: one shared object for all clients. */
export const SSE_HEADERS = Object.freeze({
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
});

export interface EventFields {
  /** `id:`; CR, LF and NUL are removed (a NUL would make the client ignore the id). */
  id?: string | number;
  /** `event:`; CR and LF are removed. */
  event?: string;
  /** `data:`; split on any line break into one `data:` line each, as clients rejoin them with LF. */
  data: string;
}

const LINE_BREAK = /\r\n|\r|\n/;
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FIELD = /[\r\n\u0000]/g;

/** One complete event, ending with the blank line that dispatches it. */
export function formatEvent({ id, event, data }: EventFields): string {
  let out = '';
  if (id !== undefined) out += `id: ${String(id).replace(UNSAFE_IN_FIELD, '')}\n`;
  if (event !== undefined) out += `event: ${event.replace(UNSAFE_IN_FIELD, '')}\n`;
  for (const line of data.split(LINE_BREAK)) out += `data: ${line}\n`;
  return out + '\n';
}

/** A comment line; clients ignore it, proxies see traffic. */
export function formatComment(text = ''): string {
  return `:${text ? ' ' + text.replace(UNSAFE_IN_FIELD, ' ') : ''}\n`;
}

/** Tells the client how long to wait before reconnecting. */
export function formatRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.floor(ms))}\n\n`;
}
