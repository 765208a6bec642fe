import { authorizeApi } from '@/lib/auth/session';
import { createCommentSchema } from '@/lib/comments/schemas';
import { createComment } from '@/lib/comments/mutations';
import { listComments, findCommentView } from '@/lib/comments/queries';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { NO_ANNOTATION } from '@/lib/annotations/model';
import { otherMethods } from '@/lib/http/other-methods';

// Flat on purpose, as in every route: authorize, read the id and the body, call lib/, answer. A shared wrapper would hide the one step that differs.

export const GET = apiHandler(async (_request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  const items = id ? await listComments(id) : null;
  return items ? jsonResponse({ items }) : errorResponse(NO_ANNOTATION.error);
});

export const POST = apiHandler(
  async (request: Request, { params }: IdRouteContext) => {
    const auth = await authorizeApi('create:comment');
    if (!auth.ok) return errorResponse(auth.error);
    const id = await routeId(params);
    if (!id) return errorResponse(NO_ANNOTATION.error);
    const input = await readJsonBody(request, createCommentSchema);
    if (!input.ok) return errorResponse(input.error);
    const created = await createComment(auth.value, id, input.value);
    return created.ok ? jsonResponse(created.value, 201) : errorResponse(created.error);
  },
  { createdView: findCommentView },
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
