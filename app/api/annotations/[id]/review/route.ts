import { authorizeApi } from '@/lib/auth/session';
import { readJsonBody } from '@/lib/http/body';
import { apiHandler } from '@/lib/http/handler';
import { errorResponse, jsonResponse } from '@/lib/http/responses';
import { entityIdSchema } from '@/lib/ids';
import { fail } from '@/lib/result';
import { reviewSchema } from '@/lib/review/schemas';
import { reviewAnnotation } from '@/lib/review/service';

type Context = { params: Promise<{ id: string }> };

/**
 * Approve or reject one version: `{ decision, comment?, version }` -> 200 `{ annotation, decision }`,
 * 409 with `current: { annotation, decision }` when it changed or was judged meanwhile.
 * The role is checked here (reviewers and admins, as for the queue); the never-one's-own half of
 * `review:annotation` is decided in the service, which knows the author.
 */
export const POST = apiHandler(async (request: Request, { params }: Context) => {
  const auth = await authorizeApi('read:review-queue');
  if (!auth.ok) return errorResponse(auth.error);
  const id = entityIdSchema.safeParse((await params).id);
  if (!id.success) return errorResponse(fail('not_found', 'No such annotation.').error);
  const input = await readJsonBody(request, reviewSchema);
  if (!input.ok) return errorResponse(input.error);
  const reviewed = await reviewAnnotation(auth.value, id.data, input.value);
  return reviewed.ok ? jsonResponse(reviewed.value) : errorResponse(reviewed.error);
});
