import type { NextRequest } from 'next/server';
import { articleListQuerySchema, listArticles } from '@/lib/articles/queries';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { parseInput } from '@/lib/validation';

export const GET = apiHandler(async (request: NextRequest) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const query = parseInput(articleListQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  if (!query.ok) return errorResponse(query.error);
  return jsonResponse(await listArticles(query.value));
});
