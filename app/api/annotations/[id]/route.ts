import { getAnnotationDetail } from '@/lib/annotations/queries';
import { updateAnnotationSchema } from '@/lib/annotations/schemas';
import { deleteAnnotation, updateAnnotation } from '@/lib/annotations/mutations';
import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { NO_ANNOTATION } from '@/lib/annotations/model';
import { otherMethods } from '@/lib/http/other-methods';

// Flat on purpose, as in every route: authorize, read the id and the body, call lib/, answer. A shared wrapper would hide the one step that differs.

/** The annotation with its relations, review history and comment count: what the side panel shows. */
export const GET = apiHandler(async (_request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  const detail = id ? await getAnnotationDetail(id) : null;
  return detail ? jsonResponse(detail) : errorResponse(NO_ANNOTATION.error);
});

// The policy's ownership half (own annotations only) is decided in the service, which knows the author.
export const PATCH = apiHandler(async (request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('create:annotation');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  if (!id) return errorResponse(NO_ANNOTATION.error);
  const input = await readJsonBody(request, updateAnnotationSchema);
  if (!input.ok) return errorResponse(input.error);
  const updated = await updateAnnotation(auth.value, id, input.value);
  return updated.ok ? jsonResponse(updated.value) : errorResponse(updated.error);
});

export const DELETE = apiHandler(async (_request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('create:annotation');
  if (!auth.ok) return errorResponse(auth.error);
  const id = await routeId(params);
  if (!id) return errorResponse(NO_ANNOTATION.error);
  const deleted = await deleteAnnotation(auth.value, id);
  return deleted.ok ? new Response(null, { status: 204 }) : errorResponse(deleted.error);
});

export const { POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
