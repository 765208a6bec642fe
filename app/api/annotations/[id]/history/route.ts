import { getAnnotationHistory } from '@/lib/annotations/queries';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { NO_ANNOTATION } from '@/lib/annotations/model';
import { otherMethods } from '@/lib/http/other-methods';

// Flat on purpose, as in every route: authorize, read the id and the body, call lib/, answer. A shared wrapper would hide the one step that differs.

/** `GET /api/annotations/:id/history`: the annotation's timeline from the audit trail, oldest first. */
export const GET = apiHandler(async (_request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  const history = id ? await getAnnotationHistory(id) : null;
  return history ? jsonResponse(history) : errorResponse(NO_ANNOTATION.error);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
