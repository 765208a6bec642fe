import type { NextRequest } from 'next/server';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { reviewQueueQuerySchema } from '@/lib/review/schemas';
import { listReviewQueue } from '@/lib/review/queries';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/http/other-methods';

/** The reviewer's queue: ?kind=&articleId=&authorId=&from=&to=&cursor=&limit= -> { items, nextCursor }. */
export const GET = apiHandler(async (request: NextRequest) => {
  const auth = await authorizeApi('read:review-queue');
  if (!auth.ok) return errorResponse(auth.error);
  const query = parseInput(reviewQueueQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  if (!query.ok) return errorResponse(query.error);
  return jsonResponse(await listReviewQueue(auth.value, query.value));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
