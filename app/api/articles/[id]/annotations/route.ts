import { createAnnotationSchema } from '@/lib/annotations/schemas';
import { createAnnotation, listAnnotations } from '@/lib/annotations/service';
import { articleIdSchema } from '@/lib/articles/queries';
import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { fail } from '@/lib/result';

type Context = { params: Promise<{ id: string }> };
const NO_ARTICLE = fail('not_found', 'No such article.').error;

export const GET = apiHandler(async (_request: Request, { params }: Context) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const id = articleIdSchema.safeParse((await params).id);
  const items = id.success ? await listAnnotations(id.data) : null;
  return items ? jsonResponse({ items }) : errorResponse(NO_ARTICLE);
});

export const POST = apiHandler(async (request: Request, { params }: Context) => {
  const auth = await authorizeApi('create:annotation');
  if (!auth.ok) return errorResponse(auth.error);
  const id = articleIdSchema.safeParse((await params).id);
  if (!id.success) return errorResponse(NO_ARTICLE);
  const input = await readJsonBody(request, createAnnotationSchema);
  if (!input.ok) return errorResponse(input.error);
  const created = await createAnnotation(auth.value, id.data, input.value);
  return created.ok ? jsonResponse(created.value, 201) : errorResponse(created.error);
});
