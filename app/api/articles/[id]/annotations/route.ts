import { NO_SUCH_ARTICLE } from '@/lib/articles/not-found';
import { createAnnotationSchema } from '@/lib/annotations/schemas';
import { getPackedPaintData, getPaintFingerprint, listAnnotations, findAnnotationView } from '@/lib/annotations/queries';
import { createAnnotation } from '@/lib/annotations/mutations';
import { z } from 'zod';
import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { routeId, type IdRouteContext } from '@/lib/http/route-id';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/http/other-methods';

// Flat on purpose, as in every route: authorize, read the id and the body, call lib/, answer. A shared wrapper would hide the one step that differs.

const NO_ARTICLE = NO_SUCH_ARTICLE.error;

// `format=paint` is the annotator's compact form (lib/annotations/paint.ts), used to resynchronise;
// `format=fingerprint` tells whether it changed.
const listQuerySchema = z.object({ format: z.enum(['full', 'paint', 'fingerprint'], 'The format is full, paint or fingerprint.').default('full') });

export const GET = apiHandler(async (request: Request, { params }: IdRouteContext) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const query = parseInput(listQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  if (!query.ok) return errorResponse(query.error);
  const id = await routeId(params);
  if (!id) return errorResponse(NO_ARTICLE);
  const body =
    query.value.format === 'paint'
      ? await getPackedPaintData(id)
      : query.value.format === 'fingerprint'
        ? await getPaintFingerprint(id).then((fingerprint) => fingerprint && { fingerprint })
        : await listAnnotations(id).then((items) => items && { items });
  return body ? jsonResponse(body) : errorResponse(NO_ARTICLE);
});

export const POST = apiHandler(
  async (request: Request, { params }: IdRouteContext) => {
    const auth = await authorizeApi('create:annotation');
    if (!auth.ok) return errorResponse(auth.error);
    const id = await routeId(params);
    if (!id) return errorResponse(NO_ARTICLE);
    const input = await readJsonBody(request, createAnnotationSchema);
    if (!input.ok) return errorResponse(input.error);
    const created = await createAnnotation(auth.value, id, input.value);
    return created.ok ? jsonResponse(created.value, 201) : errorResponse(created.error);
  },
  { createdView: findAnnotationView },
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
