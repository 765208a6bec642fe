import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '@/lib/result.ts';

/** The request header a client names a write with, so that a retry of it is carried out once. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that is a replay of an earlier one rather than the outcome of this request. */
export const REPLAYED_HEADER = 'idempotent-replayed';
/** How long a key is remembered: a retry later than this is a new request. */
export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const acceptsIdempotencyKey = (method: string) => MUTATING_METHODS.has(method.toUpperCase());

// Visible ASCII only: a key travels in a header and is compared byte for byte.
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function parseIdempotencyKey(header: string): Result<string> {
  if (KEY_PATTERN.test(header)) return ok(header);
  return fail('validation', 'The Idempotency-Key header is not valid.', { 'Idempotency-Key': ['Send 1 to 255 visible ASCII characters (no spaces).'] });
}

/**
 * What a key stands for: method, path with query, and the body's SHA-256. The same key sent with
 * another request is the client's mistake (422), not a retry.
 */
export function requestFingerprint(method: string, url: string, bodyDigest: string): string {
  const { pathname, search } = new URL(url);
  return createHash('sha256').update(`${method.toUpperCase()}\n${pathname}${search}\n${bodyDigest}`).digest('hex');
}

/** The SHA-256 of a body read as a stream, so a large upload is hashed without being held twice. */
export async function bodyDigest(body: ReadableStream<Uint8Array> | null): Promise<string> {
  const hash = createHash('sha256');
  const reader = body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) hash.update(read.value);
  return hash.digest('hex');
}
