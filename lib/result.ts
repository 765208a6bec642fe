/** Expected failures are values, not exceptions: validation errors, conflicts, refusals. */
export type FieldErrors = Record<string, string[]>;

export type DomainErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'idempotency_mismatch'
  | 'unavailable'
  /** The 500 of a bug, answered without a stack trace (lib/http/handler.ts). */
  | 'internal';

export interface DomainError {
  code: DomainErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  /** What the client needs to recover, e.g. the current version on a 409. */
  current?: unknown;
  /** Other facts for the client, merged into `details` (e.g. which object a replayed write made). */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** A result whose refusal may say when to try again (a 429's Retry-After). */
export type ThrottledResult<T> = Result<T> & { retryAfterSeconds?: number };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: DomainErrorCode, message: string, fieldErrors?: FieldErrors): { ok: false; error: DomainError } => ({
  ok: false,
  error: fieldErrors ? { code, message, fieldErrors } : { code, message },
});
