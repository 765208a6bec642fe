/**
 * Server-sent events framing (WHATWG HTML, "Server-sent events"): pure string builders.
 * A field value ends at CR, LF or CRLF, so every value is split into lines here and
 * nothing a message holds can start a field or end an event early.
 */

const LINE_BREAK = /\r\n|\r|\n/;

/** One event whose data is `data` (multi-line data becomes several `data:` lines, joined back by the browser). */
export function sseData(data: string): string {
  return `${data
    .split(LINE_BREAK)
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`;
}

/** One event carrying a JSON value: what EventSource's `message` event hands over in `event.data`. */
export function sseJson(value: unknown): string {
  // JSON.stringify escapes CR and LF inside strings, so this is always one line.
  return sseData(JSON.stringify(value));
}

/** A comment line: ignored by EventSource, but it keeps proxies and the connection awake. */
export function sseComment(text: string): string {
  return `${text
    .split(LINE_BREAK)
    .map((line) => `: ${line}`)
    .join('\n')}\n\n`;
}

/**
 * The opening of a stream: the reconnection delay the browser should use, and an event id
 * (a field-only event: it dispatches nothing, but the browser remembers the id and sends it
 * back as `Last-Event-ID` when it reconnects, which is how a reconnection is recognised).
 */
export function ssePreamble(retryMs: number, eventId: string): string {
  if (!Number.isInteger(retryMs) || retryMs < 0) throw new RangeError(`retry must be a non-negative integer, not ${retryMs}`);
  // An id holding NUL is ignored by the browser; CR and LF would end the field.
  if (/[\0\r\n]/.test(eventId)) throw new RangeError('An event id cannot hold NUL, CR or LF.');
  return `retry: ${retryMs}\nid: ${eventId}\n\n`;
}
