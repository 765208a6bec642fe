import { articleIdSchema, getArticle } from '@/lib/articles/queries';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { fail } from '@/lib/result';

export const GET = apiHandler(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const id = articleIdSchema.safeParse((await params).id);
  const article = id.success ? await getArticle(id.data) : null;
  return article ? jsonResponse(article) : errorResponse(fail('not_found', 'No such article.').error);
});
