import { NextResponse } from 'next/server';
import type { DomainError, DomainErrorCode } from '../result.ts';

const STATUS: Record<DomainErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

/** The API's one error shape: `{ error: { code, message, details? } }`. */
export function errorResponse(error: DomainError, init?: ResponseInit): NextResponse {
  const details = { ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}), ...(error.current !== undefined ? { current: error.current } : {}) };
  const body = { error: { code: error.code, message: error.message, ...(Object.keys(details).length ? { details } : {}) } };
  return NextResponse.json(body, { ...init, status: STATUS[error.code] });
}

export const jsonResponse = (body: unknown, status = 200) => NextResponse.json(body, { status });
