import type { NextRequest } from 'next/server';
import { importJobQuerySchema } from '@/lib/import-jobs/schemas';
import { getImportJob, getImportJobSummary } from '@/lib/import-jobs/queries';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { fail } from '@/lib/result';
import { parseInput } from '@/lib/validation';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { otherMethods } from '@/lib/http/other-methods';

/** ?results=false answers the state and counts only, for polling during a long import. */
export const GET = apiHandler(async (request: NextRequest, { params }: IdRouteContext) => {
  const auth = await authorizeApi('manage:articles');
  if (!auth.ok) return errorResponse(auth.error);
  const query = parseInput(importJobQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  if (!query.ok) return errorResponse(query.error);
  const id = await routeId(params);
  const job = id ? await (query.value.results ? getImportJob(id) : getImportJobSummary(id)) : null;
  return job ? jsonResponse(job) : errorResponse(fail('not_found', 'No such import job.').error);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
