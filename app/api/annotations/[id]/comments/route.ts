import { authorizeApi } from '@/lib/auth/session';
import { createCommentSchema } from '@/lib/comments/schemas';
import { createComment, listComments } from '@/lib/comments/service';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { entityIdSchema } from '@/lib/ids';
import { fail } from '@/lib/result';

type Context = { params: Promise<{ id: string }> };
const NO_ANNOTATION = fail('not_found', 'No such annotation.').error;

export const GET = apiHandler(async (_request: Request, { params }: Context) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const id = entityIdSchema.safeParse((await params).id);
  const items = id.success ? await listComments(id.data) : null;
  return items ? jsonResponse({ items }) : errorResponse(NO_ANNOTATION);
});

export const POST = apiHandler(async (request: Request, { params }: Context) => {
  const auth = await authorizeApi('create:comment');
  if (!auth.ok) return errorResponse(auth.error);
  const id = entityIdSchema.safeParse((await params).id);
  if (!id.success) return errorResponse(NO_ANNOTATION);
  const input = await readJsonBody(request, createCommentSchema);
  if (!input.ok) return errorResponse(input.error);
  const created = await createComment(auth.value, id.data, input.value);
  return created.ok ? jsonResponse(created.value, 201) : errorResponse(created.error);
});
