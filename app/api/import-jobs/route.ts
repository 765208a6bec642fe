import { createImportJob } from '@/lib/import-jobs/mutations';
import { listRecentImportJobs } from '@/lib/import-jobs/queries';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = apiHandler(async () => {
  const auth = await authorizeApi('manage:articles');
  if (!auth.ok) return errorResponse(auth.error);
  return jsonResponse({ items: await listRecentImportJobs(20) });
});

/** Opens a job that several uploads (e.g. one per file) then feed through POST /api/articles?jobId=. */
export const POST = apiHandler(async () => {
  const auth = await authorizeApi('manage:articles');
  if (!auth.ok) return errorResponse(auth.error);
  return jsonResponse({ id: await createImportJob(auth.value) }, 201);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
