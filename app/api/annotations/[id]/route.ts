import { getAnnotationDetail } from '@/lib/annotations/detail';
import { updateAnnotationSchema } from '@/lib/annotations/schemas';
import { deleteAnnotation, updateAnnotation } from '@/lib/annotations/service';
import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { entityIdSchema } from '@/lib/ids';
import { fail } from '@/lib/result';

type Context = { params: Promise<{ id: string }> };
const NO_ANNOTATION = fail('not_found', 'No such annotation.').error;

/** The annotation with its relations, review history and comment count: what the side panel shows. */
export const GET = apiHandler(async (_request: Request, { params }: Context) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const id = entityIdSchema.safeParse((await params).id);
  const detail = id.success ? await getAnnotationDetail(id.data) : null;
  return detail ? jsonResponse(detail) : errorResponse(NO_ANNOTATION);
});

// The policy's ownership half (own annotations only) is decided in the service, which knows the author.
export const PATCH = apiHandler(async (request: Request, { params }: Context) => {
  const auth = await authorizeApi('create:annotation');
  if (!auth.ok) return errorResponse(auth.error);
  const id = entityIdSchema.safeParse((await params).id);
  if (!id.success) return errorResponse(NO_ANNOTATION);
  const input = await readJsonBody(request, updateAnnotationSchema);
  if (!input.ok) return errorResponse(input.error);
  const updated = await updateAnnotation(auth.value, id.data, input.value);
  return updated.ok ? jsonResponse(updated.value) : errorResponse(updated.error);
});

export const DELETE = apiHandler(async (_request: Request, { params }: Context) => {
  const auth = await authorizeApi('create:annotation');
  if (!auth.ok) return errorResponse(auth.error);
  const id = entityIdSchema.safeParse((await params).id);
  if (!id.success) return errorResponse(NO_ANNOTATION);
  const deleted = await deleteAnnotation(auth.value, id.data);
  return deleted.ok ? new Response(null, { status: 204 }) : errorResponse(deleted.error);
});
