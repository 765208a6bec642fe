import type { NextRequest } from 'next/server';
import { importRequest } from '@/lib/import-requests/import-articles';
import { importQuerySchema } from '@/lib/import-jobs/schemas';
import { articleListQuerySchema, listArticles } from '@/lib/articles/queries';
import { can } from '@/lib/auth/policy';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse, throttledErrorResponse } from '@/lib/http/responses';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/http/other-methods';

/** The corpus list: ?q=&source=&from=&to=&annotated=&review=&sort=&archived=&cursor=&limit= -> { items, nextCursor }. */
export const GET = apiHandler(async (request: NextRequest) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const query = parseInput(articleListQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  if (!query.ok) return errorResponse(query.error);
  // Archived articles are for those who manage articles; everyone else never sees them listed.
  const archived = can(auth.value, 'manage:articles') ? query.value.archived : 'hide';
  return jsonResponse(await listArticles({ ...query.value, archived }));
});

/**
 * Import (admin): JSON { articles: [...] }, NDJSON, or multipart files -> 201 { jobId, created, duplicates, failed, results }.
 * `?jobId=` adds to a job the /import page opened; without it the request is a job of its own.
 */
export const POST = apiHandler(async (request: NextRequest) => {
  const auth = await authorizeApi('manage:articles');
  if (!auth.ok) return errorResponse(auth.error);
  const query = parseInput(importQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  if (!query.ok) return errorResponse(query.error);
  const outcome = await importRequest(auth.value, request, query.value.jobId);
  return outcome.ok ? jsonResponse(outcome.value, 201) : throttledErrorResponse(outcome.error, outcome.retryAfterSeconds);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
