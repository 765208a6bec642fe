import type { DomainError, DomainErrorCode } from '@/lib/result.ts';

/**
 * The API's one error shape, `{ error: { code, message, details? } }`, and the status of each
 * code. Pure (no Next.js import), so the Node server in front of Next.js answers in it too.
 */
const STATUS: Record<DomainErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export const errorStatus = (code: DomainErrorCode): number => STATUS[code];

export function errorBody(error: DomainError) {
  const details = {
    ...error.details,
    ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    ...(error.current !== undefined ? { current: error.current } : {}),
  };
  return { error: { code: error.code, message: error.message, ...(Object.keys(details).length ? { details } : {}) } };
}
