import { NextResponse } from 'next/server';
import type { DomainError } from '../result.ts';
import { errorBody, errorStatus } from './error-shape.ts';

/** The API's one error shape: `{ error: { code, message, details? } }`. */
export function errorResponse(error: DomainError, init?: ResponseInit): NextResponse {
  return NextResponse.json(errorBody(error), { ...init, status: errorStatus(error.code) });
}

export const jsonResponse = (body: unknown, status = 200) => NextResponse.json(body, { status });
