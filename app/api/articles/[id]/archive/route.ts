import { setArticleArchived } from '@/lib/articles/manage';
import { articleArchiveSchema } from '@/lib/articles/metadata-schema';
import { articleIdSchema } from '@/lib/articles/queries';
import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { fail } from '@/lib/result';

/** Admin: `{ archived: true }` hides the article from lists and counts, `{ archived: false }` brings it back. */
export const POST = apiHandler(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const auth = await authorizeApi('manage:articles');
  if (!auth.ok) return errorResponse(auth.error);
  const id = articleIdSchema.safeParse((await params).id);
  if (!id.success) return errorResponse(fail('not_found', 'No such article.').error);
  const body = await readJsonBody(request, articleArchiveSchema);
  if (!body.ok) return errorResponse(body.error);
  const result = await setArticleArchived(auth.value, id.data, body.value.archived);
  return result.ok ? jsonResponse(result.value) : errorResponse(result.error);
});
