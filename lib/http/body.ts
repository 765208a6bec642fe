import type { z } from 'zod';
import { concatBytes } from '@/lib/bytes.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import { nestsDeeperThan } from '@/lib/json-depth.ts';
import { parseInput } from '@/lib/validation.ts';

const MAX_JSON_BYTES = 1_000_000;
// No request body of this API nests deeper; deeper JSON would only make the schema check recurse.
const MAX_JSON_DEPTH = 64;

/**
 * How much of a body past the limit is still read (and dropped) before the 413 is sent: at most
 * 16 times the limit, so a small limit holds little where a cloned request's other branch keeps
 * what is read (the login form: 8 KB, so 128 KB).
 */
export const DISCARD_MAX_BYTES = 16 * 1024 * 1024;
const discardBytes = (maxBytes: number) => Math.min(DISCARD_MAX_BYTES, 16 * maxBytes);

/**
 * The body's bytes, read as a stream that stops at maxBytes: a declared Content-Length can lie
 * or be missing (chunked uploads), so it is never trusted alone.
 *
 * A body over the limit is read to its end and dropped, up to discardBytes more, before
 * the answer: a connection closed with bytes still unread is reset, and the client loses the
 * 413 it was sent (a third of 10 MB chunked uploads got no answer at all when the stream was
 * cancelled at the limit). Past that the stream is cancelled, not awaited: on a cloned request
 * the cancel of one tee branch only settles once the other branch is cancelled too.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Result<Uint8Array<ArrayBuffer>>> {
  const tooLarge = fail('payload_too_large', `The request body is larger than ${maxBytes.toLocaleString('en')} bytes.`);
  const readAtMost = maxBytes + discardBytes(maxBytes);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > readAtMost) return tooLarge;
  if (!request.body) return ok(new Uint8Array(new ArrayBuffer(0)));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > readAtMost) {
        reader.cancel().catch(() => {});
        return tooLarge;
      }
      if (size <= maxBytes) chunks.push(value);
    }
  } catch {
    return fail('validation', 'The request body could not be read.');
  }
  return size > maxBytes || declared > maxBytes ? tooLarge : ok(concatBytes(chunks));
}

/** The body as UTF-8 text, with the same streamed limit. */
export async function readBodyText(request: Request, maxBytes: number): Promise<Result<string>> {
  const bytes = await readBodyBytes(request, maxBytes);
  if (!bytes.ok) return bytes;
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes.value));
  } catch {
    return fail('validation', 'The request body is not valid UTF-8.');
  }
}

/** Read a JSON request body and validate it; every failure is a 4xx-shaped value, never a throw. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<Result<z.output<S>>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) return fail('unsupported_media_type', 'Send the body as application/json.');
  const text = await readBodyText(request, MAX_JSON_BYTES);
  if (!text.ok) return text;
  if (nestsDeeperThan(text.value, MAX_JSON_DEPTH)) {
    return fail('validation', `The request body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.value);
  } catch {
    return fail('validation', 'The request body is not valid JSON.');
  }
  return parseInput(schema, json);
}
