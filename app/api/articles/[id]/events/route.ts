import { NO_SUCH_ARTICLE } from '@/lib/articles/not-found';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse } from '@/lib/http/responses';
import { articleEventsResponse } from '@/lib/live/article-events';
import { liveArticleExists } from '@/lib/live/queries';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { otherMethods } from '@/lib/http/other-methods';

// A long-lived stream fed by this process's LISTEN connection: never prerendered or cached.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Server-sent events: the article's annotations, relations and comments as others change them (lib/live/). */
export const GET = apiHandler(async (request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  if (!id || !(await liveArticleExists(id))) return errorResponse(NO_SUCH_ARTICLE.error);
  // Route handlers may read the request's cookies for as long as they run, so the session is
  // looked up afresh each time (a disabled user or an ended session stops the stream, within
  // moments of the change: the account's NOTIFY triggers the check).
  return articleEventsResponse({ articleId: id, request, authorize: async () => (await authorizeApi('read:corpus')).ok, accountId: auth.value.id });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
