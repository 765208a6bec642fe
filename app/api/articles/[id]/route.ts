import { NO_SUCH_ARTICLE } from '@/lib/articles/not-found';
import { updateArticleMetadata } from '@/lib/articles/mutations';
import { articleMetadataSchema } from '@/lib/articles/metadata-schema';
import { getArticle } from '@/lib/articles/queries';
import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { otherMethods } from '@/lib/http/other-methods';

// Flat on purpose, as in every route: authorize, read the id and the body, call lib/, answer. A shared wrapper would hide the one step that differs.

const NOT_FOUND = NO_SUCH_ARTICLE.error;

export const GET = apiHandler(async (_request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  const article = id ? await getArticle(id) : null;
  return article ? jsonResponse(article) : errorResponse(NOT_FOUND);
});

/** Admin: change title, source, author, url, publishedAt or language (never the text). */
export const PATCH = apiHandler(async (request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('manage:articles');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  if (!id) return errorResponse(NOT_FOUND);
  const body = await readJsonBody(request, articleMetadataSchema);
  if (!body.ok) return errorResponse(body.error);
  const result = await updateArticleMetadata(auth.value, id, body.value);
  return result.ok ? jsonResponse(result.value) : errorResponse(result.error);
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
