import type { z } from 'zod';

/**
 * Keyset cursors on the wire: base64url of JSON, opaque to clients. Decoding checks the shape
 * with the caller's schema, so a hand-edited, truncated or foreign cursor is refused, never used.
 */
export function encodeOpaque(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeOpaque<S extends z.ZodType>(raw: string, schema: S, maxLength: number): z.output<S> | null {
  if (raw.length > maxLength || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
