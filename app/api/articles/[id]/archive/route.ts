import { NO_SUCH_ARTICLE } from '@/lib/articles/not-found';
import { setArticleArchived } from '@/lib/articles/mutations';
import { articleArchiveSchema } from '@/lib/articles/metadata-schema';
import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { otherMethods } from '@/lib/http/other-methods';

// Flat on purpose, as in every route: authorize, read the id and the body, call lib/, answer. A shared wrapper would hide the one step that differs.

/** Admin: `{ archived: true }` hides the article from lists and counts, `{ archived: false }` brings it back. */
export const POST = apiHandler(async (request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('manage:articles');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  if (!id) return errorResponse(NO_SUCH_ARTICLE.error);
  const body = await readJsonBody(request, articleArchiveSchema);
  if (!body.ok) return errorResponse(body.error);
  const result = await setArticleArchived(auth.value, id, body.value.archived);
  return result.ok ? jsonResponse(result.value) : errorResponse(result.error);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
