import { NextResponse } from 'next/server';
import type { DomainError } from '@/lib/result.ts';
import { errorBody, errorStatus } from './error-shape.ts';

/** The API's one error shape: `{ error: { code, message, details? } }`. */
export function errorResponse(error: DomainError, init?: ResponseInit): NextResponse {
  return NextResponse.json(errorBody(error), { ...init, status: errorStatus(error.code) });
}

/** A refusal that says when to try again (429 from the sign-in limits or their queue when full, 503 during a database outage). */
export function throttledErrorResponse(error: DomainError, retryAfterSeconds: number | undefined): NextResponse {
  return errorResponse(error, { headers: retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : undefined });
}

export const jsonResponse = (body: unknown, status = 200, headers?: HeadersInit) => NextResponse.json(body, { status, headers });
