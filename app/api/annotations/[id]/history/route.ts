import { getAnnotationHistory } from '@/lib/annotations/history';
import { authorizeApi } from '@/lib/auth/session';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { entityIdSchema } from '@/lib/ids';
import { fail } from '@/lib/result';

type Context = { params: Promise<{ id: string }> };
const NO_ANNOTATION = fail('not_found', 'No such annotation.').error;

/** `GET /api/annotations/:id/history`: the annotation's timeline from the audit trail, oldest first. */
export const GET = apiHandler(async (_request: Request, { params }: Context) => {
  const auth = await authorizeApi('read:corpus');
  if (!auth.ok) return errorResponse(auth.error);
  const id = entityIdSchema.safeParse((await params).id);
  const history = id.success ? await getAnnotationHistory(id.data) : null;
  return history ? jsonResponse(history) : errorResponse(NO_ANNOTATION);
});
