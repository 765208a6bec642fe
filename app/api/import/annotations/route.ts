import type { NextRequest } from 'next/server';
import { importAnnotatedRequest } from '@/lib/import-requests/import-annotated';
import { annotatedImportQuerySchema } from '@/lib/import-requests/read-annotated';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse, throttledErrorResponse } from '@/lib/http/responses';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/http/other-methods';

/**
 * Annotated import (admin): a Newsmark JSONL export (application/x-ndjson) or a brat zip
 * (application/zip) as the body; ?format=jsonl|brat&name=<file name>&jobId=<job>.
 * -> 201 { jobId, created, duplicates, failed, annotations, relations, results }.
 */
export const POST = apiHandler(async (request: NextRequest) => {
  const auth = await authorizeApi('manage:articles');
  if (!auth.ok) return errorResponse(auth.error);
  const query = parseInput(annotatedImportQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  if (!query.ok) return errorResponse(query.error);
  const outcome = await importAnnotatedRequest(auth.value, request, query.value);
  return outcome.ok ? jsonResponse(outcome.value, 201) : throttledErrorResponse(outcome.error, outcome.retryAfterSeconds);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
