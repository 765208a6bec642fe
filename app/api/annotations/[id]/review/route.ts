import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { reviewSchema } from '@/lib/review/schemas';
import { reviewAnnotation } from '@/lib/review/mutations';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { NO_ANNOTATION } from '@/lib/annotations/model';
import { otherMethods } from '@/lib/http/other-methods';

// Flat on purpose, as in every route: authorize, read the id and the body, call lib/, answer. A shared wrapper would hide the one step that differs.

/**
 * Approve or reject one version: `{ decision, comment?, version }` -> 200 `{ annotation, decision }`,
 * 409 with `current: { annotation, decision }` when it changed or was judged meanwhile.
 * The role is checked here (reviewers and admins, as for the queue); the never-one's-own half of
 * `review:annotation` is decided in the service, which knows the author.
 */
export const POST = apiHandler(async (request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('read:review-queue');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  if (!id) return errorResponse(NO_ANNOTATION.error);
  const input = await readJsonBody(request, reviewSchema);
  if (!input.ok) return errorResponse(input.error);
  const reviewed = await reviewAnnotation(auth.value, id, input.value);
  return reviewed.ok ? jsonResponse(reviewed.value) : errorResponse(reviewed.error);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
