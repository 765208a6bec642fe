import { finishImportJob } from '@/lib/import-jobs/mutations';
import { getImportJob } from '@/lib/import-jobs/queries';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { fail } from '@/lib/result';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = apiHandler(async (_request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('manage:articles');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  if (!id) return errorResponse(fail('not_found', 'No such import job.').error);
  const finished = await finishImportJob(id);
  if (!finished.ok) return errorResponse(finished.error);
  return jsonResponse(await getImportJob(id));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
