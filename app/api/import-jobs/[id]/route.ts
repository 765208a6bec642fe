import { importJobIdSchema } from '@/lib/articles/import/schemas';
import { getImportJob } from '@/lib/articles/import/service';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { fail } from '@/lib/result';

export const GET = apiHandler(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const auth = await authorizeApi('manage:articles');
  if (!auth.ok) return errorResponse(auth.error);
  const id = importJobIdSchema.safeParse((await params).id);
  const job = id.success ? await getImportJob(id.data) : null;
  return job ? jsonResponse(job) : errorResponse(fail('not_found', 'No such import job.').error);
});
