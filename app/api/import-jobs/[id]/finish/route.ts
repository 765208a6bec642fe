import { importJobIdSchema } from '@/lib/articles/import/schemas';
import { finishImportJob, getImportJob } from '@/lib/articles/import/service';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { fail } from '@/lib/result';

export const POST = apiHandler(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const auth = await authorizeApi('manage:articles');
  if (!auth.ok) return errorResponse(auth.error);
  const id = importJobIdSchema.safeParse((await params).id);
  if (!id.success) return errorResponse(fail('not_found', 'No such import job.').error);
  const finished = await finishImportJob(id.data);
  if (!finished.ok) return errorResponse(finished.error);
  return jsonResponse(await getImportJob(id.data));
});
